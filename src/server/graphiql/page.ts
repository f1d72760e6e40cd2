/**
 * The browser side of /graphiql (plain JavaScript on React/GraphiQL's UMD globals; no build step).
 * - Tabs: one per example operation, with its example variables and a header template.
 * - Schema: GraphiQL introspects with the headers in its editor; editing them (pasting a token) makes a new
 *   fetcher, which GraphiQL answers by introspecting again — no red "Error fetching schema" to click away.
 * - Storage: queries, tabs and history are kept in localStorage as usual, but headers never are (they hold the
 *   8-hour bearer token): the storage wrapper drops the headers key and strips `headers` from every saved value.
 */
export const GRAPHIQL_APP = String.raw`
(function () {
  'use strict';
  var e = React.createElement;
  var HEADER_KEYS = /headers/i;
  // tabs AND the history keep a copy of each request's headers: strip them from whatever GraphiQL saves
  function withoutHeaders(x) {
    if (Array.isArray(x)) return x.map(withoutHeaders);
    if (x && typeof x === 'object') {
      var out = {};
      Object.keys(x).forEach(function (k) { out[k] = HEADER_KEYS.test(k) ? null : withoutHeaders(x[k]); });
      return out;
    }
    return x;
  }
  var storage = {
    getItem: function (k) { return HEADER_KEYS.test(k) ? null : window.localStorage.getItem(k); },
    setItem: function (k, v) {
      if (HEADER_KEYS.test(k)) return;
      try {
        v = JSON.stringify(withoutHeaders(JSON.parse(v)));
      } catch (err) {
        if (/bearer/i.test(v)) return; // not JSON, yet holds a token: never stored
      }
      window.localStorage.setItem(k, v);
    },
    removeItem: function (k) { window.localStorage.removeItem(k); },
    clear: function () { window.localStorage.clear(); },
    get length() { return window.localStorage.length; },
  };

  function makeFetcher() {
    return function (params, opts) {
      var headers = Object.assign({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }, (opts && opts.headers) || {});
      return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) { return r.json(); });
    };
  }

  fetch('/graphiql/assets/examples.json').then(function (r) { return r.json(); }).then(function (examples) {
    var template = examples.length ? examples[0].headers : '{}';
    function App() {
      var state = React.useState(0);
      var fetcher = React.useMemo(makeFetcher, [state[0]]);
      var timer = React.useRef(null);
      var last = React.useRef(null);
      function onEditHeaders(text) {
        if (text === last.current) return;
        last.current = text;
        clearTimeout(timer.current);
        timer.current = setTimeout(function () { state[1](function (n) { return n + 1; }); }, 400);
      }
      return e(GraphiQL, {
        fetcher: fetcher,
        storage: storage,
        shouldPersistHeaders: false,
        defaultHeaders: template,
        defaultEditorToolsVisibility: 'variables',
        defaultTabs: examples.map(function (x) { return { query: x.query, variables: x.variables, headers: x.headers }; }),
        onEditHeaders: onEditHeaders,
      });
    }
    ReactDOM.createRoot(document.getElementById('graphiql')).render(e(App));
  });
})();
`;
