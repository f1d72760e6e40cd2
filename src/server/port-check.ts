import { createServer } from 'node:net';
import { ConfigError } from '../config';

/**
 * Ports are checked before any slow work (generating and seeding the municipality takes 10–30 s): a second
 * `npm start` in the same checkout must say at once which port is taken, not after half a minute.
 * Binding and releasing is the only reliable test (a connect test misses a port bound on another address).
 */
export function portInUse(host: string, port: number): Promise<false | string> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

export async function assertPortsFree(ports: Array<{ variable: string; host: string; port: number; what: string }>): Promise<void> {
  for (const p of ports) {
    const used = await portInUse(p.host, p.port);
    if (!used) continue;
    const why = used === 'EADDRINUSE' ? 'is already in use (is another gateway running?)' : used === 'EACCES' ? 'may not be bound by this user' : `cannot be bound (${used})`;
    throw new ConfigError(p.variable, `${p.host}:${p.port} for ${p.what} ${why}; choose another with ${p.variable}`);
  }
}
