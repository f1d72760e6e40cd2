/**
 * Tilbudsportalen stand-in: the REST/JSON API of the national register of social offers, as the gateway reads it.
 *
 * Every route under /api needs HTTP Basic auth (the real web service issues a username and password per
 * integrating system); a missing or wrong Authorization header gets
 *   401 { error: 'UNAUTHORIZED', message }  with  WWW-Authenticate: Basic realm="Tilbudsportalen", charset="UTF-8"
 *
 * GET /api/v1/tilbud
 *   query (all optional, combinable; given filters are ANDed, values inside one comma list are ORed):
 *     page          integer ≥ 1, default 1
 *     pageSize      integer 1..500, default 100
 *     updatedSince  ISO 8601 timestamp with offset (Z or ±hh:mm, '+' percent-encoded); matches opdateret >= it
 *     pnummer       comma list of 10-digit P-numre          (≤ 500 entries)
 *     cvr           comma list of 8-digit CVR numbers       (≤ 500 entries)
 *     ids           comma list of <tilbudsid>:<afdelingsid> (≤ 500 entries)
 *   200 { items: TilbudRecord[], page, pageSize, total, nextPage: number | null }
 *       ordered by (tilbudsid, afdelingsid) numerically; total counts all matches; nextPage is null on the
 *       last page; a page past the end has items [] and nextPage null.
 *   400 { error: 'INVALID_PARAMETER', parameter, message } for a bad value, a repeated parameter or an
 *       unknown parameter (the stand-in is stricter than it needs to be so connector typos fail loudly).
 *
 * GET /api/v1/tilbud/:tilbudsid/afdelinger/:afdelingsid
 *   200 TilbudRecord
 *   400 { error: 'INVALID_PARAMETER', parameter: 'tilbudsid' | 'afdelingsid', message } for a non-numeric id
 *   404 { error: 'NOT_FOUND', message } for an unknown (tilbudsid, afdelingsid)
 *
 * Any other path under /api: 404 { error: 'NOT_FOUND', message } (after auth).
 * Outside /api (no auth; stand-in control plane, see admin.ts): GET /health, GET /admin/stats, POST /admin/reset-stats.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { basicAuthHook, type BasicCredentials } from './auth';
import { ApiError, sendError } from './errors';
import { paginate } from './pagination';
import { parsePositiveInt, parseTilbudQuery } from './query';
import type { RequestCounter } from './stats';
import type { TilbudStore } from './store';

export interface ApiRoutesOptions {
  store: TilbudStore;
  credentials: BasicCredentials;
  counter: RequestCounter;
}

type RawQuery = Record<string, string | string[] | undefined>;

export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app: FastifyInstance, opts) => {
  // counted before auth: a rejected call is still a round trip the gateway made
  app.addHook('onRequest', async () => opts.counter.increment());
  app.addHook('onRequest', basicAuthHook(opts.credentials));

  app.get('/v1/tilbud', async (request) => {
    const q = parseTilbudQuery(request.query as RawQuery);
    return paginate(opts.store.filter(q), q.page, q.pageSize);
  });

  app.get<{ Params: { tilbudsid: string; afdelingsid: string } }>('/v1/tilbud/:tilbudsid/afdelinger/:afdelingsid', async (request) => {
    const tilbudsid = parsePositiveInt('tilbudsid', request.params.tilbudsid);
    const afdelingsid = parsePositiveInt('afdelingsid', request.params.afdelingsid);
    const record = opts.store.get(tilbudsid, afdelingsid);
    if (!record) throw new ApiError('NOT_FOUND', `no tilbud with tilbudsid ${tilbudsid} and afdelingsid ${afdelingsid}`);
    return record;
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, new ApiError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));
};
