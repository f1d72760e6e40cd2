import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';

/**
 * Nullable at source boundaries: when one system is down, only the fields it feeds are null, each with an
 * error naming the source — "source down" is never reported as "no data".
 */
for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`one source down, on ${engine}`, () => {
    let s: TestStack;
    beforeAll(async () => {
      s = await startTestStack({ engine });
    }, 120_000);
    afterAll(async () => s?.close());

    it('Tilbudsportalen down: tilbud and takst are null with an error naming it; fagsystem data is intact', async () => {
      // a provider with indsatser, so the check that their takst is null cannot pass on an empty list
      const lev = s.municipality.fagsystem.leverandoerer.find(
        (l) => l.tilbudsid !== null && s.municipality.fagsystem.indsatser.some((i) => i.leverandoer_id === l.leverandoer_id),
      )!;
      const q = `query($id: ID!) { node(id: $id) { ... on Leverandoer { navn pnummer tilbud { tilbudsnavn } indsatser(first: 3) { nodes { paragraf { kode } priser { kontraktFagsystem takst } } } } } }`;
      const id = Buffer.from(`Leverandoer:${lev.leverandoer_id}`).toString('base64url');
      const before = await s.graphql(q, { id });
      expect(before.body.errors).toBeUndefined();
      expect(before.body.data.node.tilbud).not.toBeNull();

      await s.stopStandin('tilbudsportalen');
      const after = await s.graphql(q, { id });
      expect(after.status).toBe(200);
      expect(after.body.data.node.navn).toBe(lev.navn);
      expect(after.body.data.node.tilbud).toBeNull();
      const errors = after.body.errors ?? [];
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.extensions.source).toBe('tilbudsportalen');
        expect(e.extensions.code).toMatch(/^SOURCE_(UNAVAILABLE|TIMEOUT)$/);
        expect(e.extensions.retryable).toBe(true);
      }
      expect(errors.map((e: any) => e.path.join('.'))).toContain('node.tilbud');
      expect(after.body.data.node.indsatser.nodes.length).toBeGreaterThan(0);
      for (const n of after.body.data.node.indsatser.nodes) {
        expect(n.paragraf.kode).toMatch(/^(SEL|ABL)/);
        expect(n.priser.takst).toBeNull();
      }
    });

    it('Serviceplatformen down: the CPR register view is null and the fagsystem address is withheld (fail closed)', async () => {
      await s.stopStandin('serviceplatformen');
      const b = s.municipality.fagsystem.borgere[0]!;
      const res = await s.graphql('query($c: CPR!) { borger(cpr: $c) { fornavn adresse { adresse } cprRegister { status } } }', { c: b.cpr });
      expect(res.body.data.borger.fornavn).toBe(b.fornavn);
      expect(res.body.data.borger.adresse).toBeNull();
      expect(res.body.data.borger.cprRegister).toBeNull();
      expect((res.body.errors ?? [1]).every((e: any) => e.extensions.source === 'serviceplatformen')).toBe(true);
      expect(JSON.stringify(res.body.errors)).not.toContain(b.cpr);
    });
  });
}
