import { withTransactionHeaders, type CallContext } from '../shared/call-context';
import { badResponse, errorFromStatus, errorFromTransport } from './errors';
import { issuePath, TilbudPageWire } from './wire';

/** The list filters of `GET /api/v1/tilbud`; lists are ORed inside, filters ANDed. */
export interface TilbudListQuery {
  page: number;
  pageSize: number;
  updatedSince?: string;
  pnummer?: readonly string[];
  cvr?: readonly string[];
  ids?: readonly string[];
}

export interface TilbudsportalenClientOptions {
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The register's page cap: one page can answer one batch of up to 500 keys. */
export const MAX_PAGE_SIZE = 500;

/**
 * One HTTP round trip to Tilbudsportalen's REST API: Basic auth on every call (the web service issues one
 * username/password per integrating system), a timeout covering the whole exchange including the body,
 * and the answer validated before anyone maps it.
 */
export class TilbudsportalenClient {
  private readonly base: string;
  private readonly authorization: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: TilbudsportalenClientOptions) {
    this.base = opts.url.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64')}`;
    this.fetchImpl = opts.fetch ?? globalThis.fetch;
  }

  /**
   * `call`: the request this is for, whose transaction id goes along as a header; `signal`: the resilience
   * policy's, so a call the policy has given up on is abandoned at once (its bulkhead slot freed) instead of
   * running on until the client's own timeout.
   */
  async list(query: TilbudListQuery, call?: CallContext, signal?: AbortSignal): Promise<TilbudPageWire> {
    const json = await this.getJson(`/api/v1/tilbud?${listQueryString(query)}`, call, signal);
    const parsed = TilbudPageWire.safeParse(json);
    if (!parsed.success) throw badResponse(issuePath(parsed.error));
    return parsed.data;
  }

  private async getJson(pathAndQuery: string, call: CallContext | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    let text: string;
    try {
      const res = await this.fetchImpl(`${this.base}${pathAndQuery}`, {
        method: 'GET',
        headers: withTransactionHeaders({ authorization: this.authorization, accept: 'application/json' }, call),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!res.ok) {
        // drain so the connection can be reused; the body itself is never shown to anyone
        await res.body?.cancel().catch(() => undefined);
        throw errorFromStatus(res.status);
      }
      text = await res.text();
    } catch (err) {
      throw errorFromTransport(err);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw badResponse('not JSON');
    }
  }
}

/**
 * The query string. Comma lists are sent with literal commas (allowed in a query by RFC 3986), which keeps a
 * 500-key batch near 6 KB; every value is checked by the loaders to be digits (and ':'), so nothing else
 * needs escaping. `updatedSince` is percent-encoded: a '+' offset would otherwise read as a space.
 */
export function listQueryString(q: TilbudListQuery): string {
  const parts = [`page=${q.page}`, `pageSize=${q.pageSize}`];
  if (q.updatedSince !== undefined) parts.push(`updatedSince=${encodeURIComponent(q.updatedSince)}`);
  if (q.pnummer) parts.push(`pnummer=${q.pnummer.map(encodeURIComponent).join(',')}`);
  if (q.cvr) parts.push(`cvr=${q.cvr.map(encodeURIComponent).join(',')}`);
  if (q.ids) parts.push(`ids=${q.ids.map((id) => id.split(':').map(encodeURIComponent).join(':')).join(',')}`);
  return parts.join('&');
}
