import type { FastifyInstance, FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Verifier } from '../access/auth/verifier';
import { AuthError } from '../access/auth/verifier';
import { parsePurpose, scopeFor, RoleChoiceError, ACTIVE_ROLE_HEADER } from '../access/principal';
import type { Pseudonymizer } from '../access/pseudonym';
import type { RateLimiter } from '../access/limits/rate-limiter';
import { isSourceError } from '../../connectors/shared/source-error';
import type { AnalyticsSetup } from '../analytics/context';
import { parseExport } from '../analytics/export/params';
import { prepareExport } from '../analytics/export/run';
import { TRANSACTION_HEADER } from './transaction-id';

/**
 * GET /export/<datasæt>.<csv|ndjson>: a download streamed from a database cursor with backpressure (the next
 * batch is read only when the socket has taken the last), with the same authentication, purpose, row scope,
 * masking, pseudonyms and access log as GraphQL. An export that fails after it began is never silently
 * short: a last line says it was cut off (`#FEJL` in CSV, {"fejl"} in NDJSON) and the chunked response is
 * aborted without its terminating chunk, so HTTP clients see an incomplete transfer; a complete one ends with
 * the trailers `x-eksport-status: KOMPLET` and `x-antal-raekker`.
 */
export interface ExportRouteOptions {
  verify: Verifier;
  setup: AnalyticsSetup;
  pseudonymizer: Pseudonymizer;
  rateLimiter: RateLimiter;
  clock?: () => Date;
  batchSize?: number;
}

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  BAD_PURPOSE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PURPOSE_REQUIRED: 403,
  CITIZEN_LIMIT_PER_MINUTE: 429,
};

function refuse(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/json')
    .send({ errors: [{ message, extensions: { code, ...extra } }] });
}

function refusal(reply: FastifyReply, e: unknown) {
  if (e instanceof GraphQLError) {
    const code = String(e.extensions?.code ?? 'BAD_USER_INPUT');
    const { code: _c, ...rest } = e.extensions ?? {};
    void _c;
    return refuse(reply, STATUS[code] ?? 400, code, e.message, rest);
  }
  if (isSourceError(e)) return refuse(reply, 503, e.code, e.message, { source: e.source, retryable: e.retryable });
  reply.log.error({ failure: { name: (e as Error).name, message: (e as Error).message, stack: (e as Error).stack } }, 'export failed');
  return refuse(reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

export function registerExportRoutes(app: FastifyInstance, o: ExportRouteOptions): void {
  const clock = o.clock ?? (() => new Date());
  app.get<{ Params: { navn: string }; Querystring: Record<string, unknown> }>('/export/:navn', async (request, reply) => {
    let principal;
    try {
      principal = await o.verify(request.headers.authorization, request.headers[ACTIVE_ROLE_HEADER]);
    } catch (e) {
      if (e instanceof RoleChoiceError) return refuse(reply, e.status, e.code, e.message);
      if (e instanceof AuthError) {
        reply.header('www-authenticate', 'Bearer realm="socialdata-gateway", error="invalid_token"');
        return refuse(reply, 401, 'UNAUTHENTICATED', e.message);
      }
      throw e;
    }
    const parsed = parsePurpose(request.headers['x-formaal']);
    if (parsed === 'invalid') return refuse(reply, 400, 'BAD_PURPOSE', 'Unknown purpose in the "x-formaal" header; see the README for the list');
    const caller = { principal, scope: scopeFor(principal), purpose: parsed ?? principal.policy.defaultPurpose, transactionId: request.id, now: clock };

    let exp;
    let first: IteratorResult<string>;
    let second: IteratorResult<string>;
    try {
      exp = await prepareExport(
        { setup: o.setup, pseudonymizer: o.pseudonymizer, rateLimiter: o.rateLimiter, batchSize: o.batchSize },
        caller,
        parseExport(request.params.navn, request.query ?? {}),
      );
      // the header and the first batch are read before the status is sent: a refusal or a source that is
      // down is still an honest 4xx/5xx, not a 200 with an empty file
      first = await exp.chunks.next();
      second = await exp.chunks.next();
    } catch (e) {
      return refusal(reply, e);
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': exp.writer.contentType,
      'content-disposition': `attachment; filename="${exp.filename}"`,
      'cache-control': 'no-store',
      trailer: 'x-eksport-status, x-antal-raekker',
      [TRANSACTION_HEADER]: request.id,
    });
    let closed = false;
    res.on('close', () => (closed = true));
    const write = async (chunk: string) => {
      if (!chunk || closed) return;
      if (res.write(chunk)) return;
      // backpressure: wait until the socket has taken the chunk (or the client is gone)
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    };
    try {
      if (!first.done) await write(first.value);
      if (!second.done) await write(second.value);
      if (!second.done) {
        for (let next = await exp.chunks.next(); !next.done && !closed; next = await exp.chunks.next()) await write(next.value);
      }
      if (closed) {
        await exp.chunks.return(undefined); // the client went away: close the cursor, end its transaction
        return;
      }
      res.addTrailers({ 'x-eksport-status': 'KOMPLET', 'x-antal-raekker': String(exp.antal) });
      res.end();
    } catch (e) {
      const message = e instanceof GraphQLError || isSourceError(e) ? (e as Error).message : 'internal error';
      request.log.error({ failure: { name: (e as Error).name, message: (e as Error).message } }, 'export cut off');
      if (closed) return;
      res.write(exp.writer.failure(message), () => res.destroy());
    }
  });
}
