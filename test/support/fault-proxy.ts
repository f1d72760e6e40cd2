import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP proxy in front of a stand-in, for fault tests and the load script: it forwards untouched
 * ('pass'), answers after a delay ('slow'), holds every call until the test releases it ('hold': a source that
 * does not answer, for tests that assert an order of events rather than a duration), answers HTTP 500 or 503
 * without reaching the stand-in, resets the connection ('reset'), or is killed outright (connection refused)
 * and revived on the same port. It records the `x-transaction-id` header of every call it sees.
 */
export type FaultMode = { kind: 'pass' } | { kind: 'slow'; ms: number } | { kind: 'hold' } | { kind: 'status'; status: number } | { kind: 'reset' };

export interface FaultProxy {
  url: string;
  set(mode: FaultMode): void;
  /** connection refused from now on (the listening socket is closed and open connections destroyed) */
  kill(): Promise<void>;
  revive(): Promise<void>;
  /** calls that reached the proxy, since it started */
  calls: number;
  /** calls held now ('hold'), not yet released nor given up by the caller */
  readonly held: number;
  /** forwards every held call (whose caller still waits) to the stand-in */
  release(): void;
  transactionIds: string[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let mode: FaultMode = { kind: 'pass' };
  const sockets = new Set<Socket>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const state = { calls: 0, transactionIds: [] as string[] };
  const held = new Set<() => void>();
  const handler: http.RequestListener = (req, res) => {
    state.calls++;
    const tx = req.headers['x-transaction-id'];
    if (typeof tx === 'string') {
      state.transactionIds.push(tx);
      if (state.transactionIds.length > 10_000) state.transactionIds.splice(0, 5_000);
    }
    const m = mode;
    if (m.kind === 'reset') return void req.socket.destroy();
    if (m.kind === 'status') {
      req.resume();
      res.writeHead(m.status, { 'content-type': 'text/plain' }).end('injected failure');
      return;
    }
    const forward = () => {
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (m.kind === 'slow') setTimeout(forward, m.ms);
    else if (m.kind === 'hold') {
      held.add(forward);
      // a caller that gives up (its timeout aborts the request) is no longer held
      res.once('close', () => held.delete(forward));
    } else forward();
  };
  let server = http.createServer(handler);
  const track = (s: http.Server) =>
    s.on('connection', (c) => {
      sockets.add(c);
      c.on('close', () => sockets.delete(c));
    });
  track(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    set(m) {
      mode = m;
    },
    async kill() {
      await stop();
    },
    async revive() {
      server = http.createServer(handler);
      track(server);
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    get calls() {
      return state.calls;
    },
    get held() {
      return held.size;
    },
    release() {
      const waiting = [...held];
      held.clear();
      for (const forward of waiting) forward();
    },
    get transactionIds() {
      return state.transactionIds;
    },
    async close() {
      held.clear();
      if (server.listening) await stop();
      agent.destroy();
    },
  };
}
