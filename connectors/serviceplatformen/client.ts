import { withTransactionHeaders, type CallContext } from '../shared/call-context';
import type { InvocationContext } from '../../src/config';
import { readEnvelope, requestEnvelope, requestHeaders, type XmlNode } from './envelope';
import { badResponse, errorFromFault, errorFromStatus, errorFromTransport } from './errors';
import type { SoapOperation } from './operations';
import type { HttpFetch } from './transport';

export interface SoapClientOptions {
  url: string;
  invocationContext: InvocationContext;
  timeoutMs: number;
  fetch: HttpFetch;
}

/**
 * One SOAP 1.1 call to Serviceplatformen for one number: one person or one company per call, billed per call.
 * Resolves the response element's content, or null when the register does not know the number; everything
 * else is a SourceError. The timeout covers the whole exchange, body included.
 */
export class SoapClient {
  private readonly base: string;

  constructor(private readonly opts: SoapClientOptions) {
    this.base = opts.url.replace(/\/+$/, '');
  }

  async call(op: SoapOperation, number: string, call?: CallContext, cancel?: AbortSignal): Promise<XmlNode | null> {
    let status: number;
    let text: string;
    try {
      const res = await this.opts.fetch(`${this.base}${op.path}`, {
        method: 'POST',
        headers: withTransactionHeaders(requestHeaders(op), call),
        body: requestEnvelope(op, this.opts.invocationContext, number),
        signal: cancel ? AbortSignal.any([cancel, AbortSignal.timeout(this.opts.timeoutMs)]) : AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw errorFromTransport(err);
    }
    // the certificate or a gateway in front of the platform refused us before any SOAP was spoken
    if (status === 401 || status === 403 || status === 429) throw errorFromStatus(op.name, status);

    const answer = readEnvelope(text);
    if (answer.kind === 'fault') {
      const err = errorFromFault(op.name, answer.fault);
      if (err) throw err;
      return null;
    }
    if (status < 200 || status > 299) throw errorFromStatus(op.name, status);
    if (answer.kind === 'unreadable') throw badResponse(op.name, answer.reason);
    if (answer.element !== op.responseElement) throw badResponse(op.name, `expected ${op.responseElement}, got ${answer.element}`);
    return answer.payload;
  }
}
