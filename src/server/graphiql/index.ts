import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadExamples } from './examples';
import { GRAPHIQL_APP } from './page';

/**
 * GraphiQL 4 at /graphiql for both engines (outside production), served entirely from node_modules — React 18,
 * ReactDOM and GraphiQL's own bundle and stylesheet — so it works with no internet. The page (./page) adds what
 * this gateway needs: the operations/ as example tabs with example variables, a header template for the token
 * and `x-formaal`, a schema refetch whenever the headers change, and no token ever written to browser storage.
 */
const require = createRequire(import.meta.url);
const file = (pkg: string, path: string) => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), path));

const ASSETS: Record<string, { type: string; body: () => Buffer | string }> = {
  'react.js': { type: 'application/javascript', body: () => file('react', 'umd/react.production.min.js') },
  'react-dom.js': { type: 'application/javascript', body: () => file('react-dom', 'umd/react-dom.production.min.js') },
  'graphiql.js': { type: 'application/javascript', body: () => file('graphiql', 'graphiql.min.js') },
  'graphiql.css': { type: 'text/css', body: () => file('graphiql', 'graphiql.min.css') },
  'app.js': { type: 'application/javascript', body: () => GRAPHIQL_APP },
  'examples.json': { type: 'application/json', body: () => JSON.stringify(loadExamples()) },
};

const HTML = `<!doctype html>
<html lang="da">
<head>
  <meta charset="utf-8">
  <title>socialdata-gateway · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/app.js"></script>
</body>
</html>`;

export function registerGraphiql(app: FastifyInstance): void {
  const cache = new Map<string, Buffer | string>();
  app.get('/graphiql', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(HTML));
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    if (!cache.has(req.params.name) || req.params.name === 'examples.json') cache.set(req.params.name, asset.body());
    return reply.type(asset.type).send(cache.get(req.params.name));
  });
}
