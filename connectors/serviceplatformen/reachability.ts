import { connect } from 'node:net';
import { errorFromTransport, spError } from './errors';

/**
 * Reachability only: a TCP connect to the platform's host and port, closed at once. Every SOAP call is billed
 * and must carry a number with a legal basis for looking it up, so a start-up or health check makes none.
 * It cannot tell a bad certificate or InvocationContext; the first look-up reports those.
 */
export function tcpReachable(url: URL, timeoutMs: number): Promise<void> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(spError('SOURCE_TIMEOUT'));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (err) => reject(errorFromTransport(err)));
  });
}
