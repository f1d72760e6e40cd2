import { describe, expect, it } from 'vitest';
import * as tp from '../../connectors/tilbudsportalen/errors';
import * as sp from '../../connectors/serviceplatformen/errors';

/** Tilbudsportalen and Serviceplatformen map HTTP statuses and transport failures the same way (connectors/shared/http-errors.ts). */
describe('one HTTP error mapping for the two HTTP connectors', () => {
  const statuses: Array<[number, string, boolean]> = [
    [401, 'SOURCE_AUTH_FAILED', false],
    [403, 'SOURCE_AUTH_FAILED', false],
    [429, 'SOURCE_RATE_LIMITED', true],
    [400, 'SOURCE_BAD_RESPONSE', false],
    [404, 'SOURCE_BAD_RESPONSE', false],
    [500, 'SOURCE_BAD_RESPONSE', true],
    [503, 'SOURCE_BAD_RESPONSE', true],
  ];
  it.each(statuses)('HTTP %i → %s (retryable %s) from both', (status, code, retryable) => {
    const a = tp.errorFromStatus(status);
    const b = sp.errorFromStatus('SF1520', status);
    expect([a.source, b.source]).toEqual(['tilbudsportalen', 'serviceplatformen']);
    for (const e of [a, b]) expect({ code: e.code, retryable: e.retryable }).toEqual({ code, retryable });
    if (code === 'SOURCE_BAD_RESPONSE') {
      expect(a.message).toBe(`Tilbudsportalen answered HTTP ${status}`);
      expect(b.message).toBe(`Serviceplatformen answered SF1520 with HTTP ${status}`);
    }
  });

  const transport: Array<[string, unknown, string]> = [
    [
      'refused (fetch TypeError with an ECONNREFUSED cause)',
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }),
      'SOURCE_UNAVAILABLE',
    ],
    ['AbortSignal.timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'SOURCE_TIMEOUT'],
    ['anything else without a response', new Error('socket hang up'), 'SOURCE_UNAVAILABLE'],
  ];
  it.each(transport)('%s → %s from both', (_n, err, code) => {
    expect(tp.errorFromTransport(err).code).toBe(code);
    expect(sp.errorFromTransport(err).code).toBe(code);
  });
});
