import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, sendError } from './errors';

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Tilbudsportalen's web service answers an unauthenticated call with a Basic challenge for this realm. */
export const REALM = 'Tilbudsportalen';

/**
 * Compares two strings in time independent of where they differ. Both sides are hashed first, so the
 * comparison also does not leak the expected length (timingSafeEqual needs equal-length buffers).
 */
function constantTimeEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/** Parses `Authorization: Basic base64(user:password)` (RFC 7617); null when absent or not Basic. */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function credentialsMatch(given: BasicCredentials, expected: BasicCredentials): boolean {
  // evaluate both halves always, so a wrong username takes as long as a wrong password
  const userOk = constantTimeEquals(given.username, expected.username);
  const passOk = constantTimeEquals(given.password, expected.password);
  return userOk && passOk;
}

/** An onRequest hook that rejects the request with 401 + a Basic challenge unless the credentials match. */
export function basicAuthHook(expected: BasicCredentials) {
  return async function basicAuth(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const given = parseBasicAuthorization(request.headers.authorization);
    if (given && credentialsMatch(given, expected)) return undefined;
    reply.header('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
    const message = given ? 'wrong username or password' : 'HTTP Basic authentication is required';
    // returning the reply tells Fastify the hook answered, so the route handler never runs
    return sendError(reply, new ApiError('UNAUTHORIZED', message));
  };
}
