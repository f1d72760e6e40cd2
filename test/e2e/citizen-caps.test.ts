import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { ROLE_BUDGETS } from '../../src/access/limits/numbers';

/**
 * Caps on distinct citizens touched: per request, and per user per minute (shared through the rate limiter).
 * The citizen-insight role has the smallest budget (one citizen per request), which makes both caps visible
 * with the small test municipality; the access log is the citizen-level read being capped.
 */
let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({});
}, 120_000);
afterAll(async () => s?.close());

describe('citizen caps', () => {
  it('refuses a request that touches more citizens than the role allows, and logs nothing beyond the cap', async () => {
    const [a, b] = s.municipality.fagsystem.borgere.map((x) => x.cpr);
    const token = await s.token({ roles: ['borgerindsigt'], sub: 'indsigt-1' });
    const res = await s.graphql(`{ a: adgangslog(cpr: "${a}") { tidspunkt } b: adgangslog(cpr: "${b}") { tidspunkt } }`, undefined, {
      authorization: `Bearer ${token}`,
      'x-formaal': 'BORGERINDSIGT',
    });
    const codes = (res.body.errors ?? []).map((e: any) => e.extensions.code);
    expect(ROLE_BUDGETS.borgerindsigt.citizensPerRequest).toBe(1);
    expect(codes).toContain('CITIZEN_LIMIT_PER_REQUEST');
    expect(JSON.stringify(res.body.errors)).not.toContain(b);
  });

  it('refuses citizens beyond the per-minute budget of one user, while another user is unaffected', async () => {
    const cprs = s.municipality.fagsystem.borgere.map((x) => x.cpr);
    const perMinute = ROLE_BUDGETS.borgerindsigt.citizensPerMinute;
    const token = await s.token({ roles: ['borgerindsigt'], sub: 'indsigt-2' });
    let refusedAt = -1;
    for (let i = 0; i <= perMinute; i++) {
      const res = await s.graphql(
        'query($c: CPR!) { adgangslog(cpr: $c) { tidspunkt } }',
        { c: cprs[i % cprs.length] },
        { authorization: `Bearer ${token}`, 'x-formaal': 'BORGERINDSIGT' },
      );
      if (res.body.errors?.some((e: any) => e.extensions.code === 'CITIZEN_LIMIT_PER_MINUTE')) {
        refusedAt = i;
        break;
      }
    }
    expect(refusedAt).toBe(perMinute);
    const other = await s.token({ roles: ['borgerindsigt'], sub: 'indsigt-3' });
    const ok = await s.graphql(
      'query($c: CPR!) { adgangslog(cpr: $c) { tidspunkt } }',
      { c: cprs[0] },
      { authorization: `Bearer ${other}`, 'x-formaal': 'BORGERINDSIGT' },
    );
    expect(ok.body.errors).toBeUndefined();
  });
});
