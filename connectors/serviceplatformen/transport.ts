import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/** What the client needs of fetch: one POST with a string body, cancelled by a signal. The global fetch fits. */
export type HttpFetch = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;

export interface ClientCertificateFiles {
  certFile?: string;
  keyFile?: string;
  caFile?: string;
}

export interface Transport {
  fetch: HttpFetch;
  /** The TLS agent holding the client certificate, when one is configured. */
  agent: https.Agent | undefined;
  close(): void;
}

function readPem(option: keyof ClientCertificateFiles, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    // names the option and the file, never the content (it is key material)
    throw new Error(`Serviceplatformen ${option} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'} ${path}`);
  }
}

/**
 * Serviceplatformen authenticates the calling system by its client certificate (FOCES/OCES, mutual TLS).
 * The certificate goes on an https.Agent: Node 20's global fetch only takes one through an undici
 * `dispatcher`, and the `undici` package is not installed here. The files are read when the connector is
 * created, so a wrong path stops start-up. Without a certificate the global fetch is used.
 */
export function createTransport(files: ClientCertificateFiles, fetchImpl?: HttpFetch): Transport {
  if (!files.certFile && !files.keyFile) {
    return { fetch: fetchImpl ?? (globalThis.fetch as HttpFetch), agent: undefined, close: () => undefined };
  }
  if (!files.certFile || !files.keyFile) throw new Error('Serviceplatformen certFile and keyFile must be given together');
  const agent = new https.Agent({
    cert: readPem('certFile', files.certFile),
    key: readPem('keyFile', files.keyFile),
    ca: files.caFile ? readPem('caFile', files.caFile) : undefined,
    keepAlive: true,
  });
  return { fetch: fetchImpl ?? nodeFetch(agent), agent, close: () => agent.destroy() };
}

/** A POST over node:http(s) answering a fetch Response; the agent (and its certificate) is used for https. */
function nodeFetch(agent: https.Agent): HttpFetch {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const fail = (err: unknown) => reject(init.signal.aborted ? init.signal.reason : err);
      const request = (secure ? https : http).request(
        target,
        {
          method: init.method,
          headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
          agent: secure ? agent : undefined,
          signal: init.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
            }
            const status = res.statusCode ?? 500;
            // fetch's Response refuses a body on the null-body statuses
            const body = [101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, headers }));
          });
        },
      );
      request.on('error', fail);
      request.end(init.body);
    });
}
