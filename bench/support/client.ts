import http from 'node:http';

/**
 * One keep-alive HTTP client for every target (gateway, baselines, PostGraphile), so each pays the same
 * client-side cost: node:http with a pooled agent, the body read whole and parsed as JSON.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

export function request<T = any>(
  url: string,
  /** agent: the load script's own, with as many sockets as it has requests in flight (this module's has 64 a host) */
  opts: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; agent?: http.Agent } = {},
): Promise<JsonResponse<T>> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  return new Promise((ok, fail) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? (payload ? 'POST' : 'GET'),
        agent: opts.agent ?? agent,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            ok({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T });
          } catch (e) {
            fail(e);
          }
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    if (payload) req.write(payload);
    req.end();
  });
}

export function graphql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<JsonResponse<{ data?: T; errors?: any[] }>> {
  return request(`${url}/graphql`, { body: { query, variables }, headers });
}
