import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { startTestStack, type TestStack } from '../support/gateway';
import { buildApp } from '../../src/server/app';
import { createVerifier } from '../../src/access/auth/verifier';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../src/access/auth/dev-key';
import { createPseudonymizer } from '../../src/access/pseudonym';
import { memoryRateLimiter } from '../../src/access/limits/rate-limiter';
import { POSTGRES_ADMIN_URL } from '../support/postgres';

/**
 * Streaming export over HTTP, read with a real CSV parser: under each role (rows scoped, masked columns
 * stay masked, pseudonyms, suppressed cells stay suppressed), every citizen access-logged, resumable by key,
 * and a source that dies mid-stream gives an aborted transfer with a failure line — never a short file that
 * looks complete. Checked against the generator's rows.
 */
let stack: TestStack;
let app: FastifyInstance;
let url: string;
const secrets = { sagsbehandling: 's'.repeat(40), oekonomi: 'o'.repeat(40), analyse: 'a'.repeat(40) };
const pseudonyms = createPseudonymizer(secrets);

beforeAll(async () => {
  stack = await startTestStack({});
  // the same stack with small fetches, so a test can cut the source off between batches
  app = await buildApp({
    connectors: stack.connectors,
    store: stack.store,
    engine: 'mercurius',
    production: false,
    logger: false,
    exportBatchSize: 100,
    access: {
      verify: createVerifier({ localJwks: [stack.devKey.publicJwk], issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
      pseudonymizer: pseudonyms,
      rateLimiter: memoryRateLimiter(),
    },
    clock: () => new Date(`${stack.municipality.asOf}T12:00:00Z`),
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await stack?.close();
});

const get = async (path: string, token: string, formaal?: string) =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...(formaal ? { 'x-formaal': formaal } : {}) } });
const csv = (text: string) => parse(text, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;

describe('export', () => {
  it('posteringer.csv for economy staff: every posting, pseudonyms, free text masked, decimal comma, every citizen logged', async () => {
    const token = await stack.token({ roles: ['oekonomi'] });
    const res = await get('/export/posteringer.csv?decimal=komma', token, 'OEKONOMI');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const rows = csv(await res.text());
    const truth = stack.municipality.oekonomi.posteringer;
    expect(rows.length).toBe(truth.length);
    const byId = new Map(truth.map((p) => [String(p.postering_id), p]));
    for (const r of rows) {
      const p = byId.get(r.postering_id!)!;
      expect(r.beloeb).toBe(p.beloeb.replace('.', ','));
      expect(r.bilagsdato).toBe(p.bilagsdato);
      expect(r.borger).toBe(p.cpr ? pseudonyms.pseudonym('oekonomi', p.cpr) : '');
      expect(r.tekst).toBe('');
    }
    const logged = await stack.store.db('adgangslog').where({ operation: 'eksport_posteringer' }).countDistinct('cpr as n');
    expect(Number(logged[0]!.n)).toBe(new Set(truth.filter((p) => p.cpr).map((p) => p.cpr)).size);
  });

  it('a posting whose free text holds separators, quotes and a newline: the row still parses, and the text stays masked', async () => {
    const p0 = stack.municipality.oekonomi.posteringer[0]!;
    await stack.oekonomiDb('postering').insert({ ...p0, postering_id: 99_000_001, bilagsnr: 'X99000001', tekst: 'Faktura; "marts"\nanden linje', cpr: null });
    try {
      const res = await get('/export/posteringer.csv?efter=99000000', await stack.token({ roles: ['oekonomi'] }), 'OEKONOMI');
      expect(res.status).toBe(200);
      const rows = csv(await res.text());
      expect(rows).toHaveLength(1);
      // free text is personal data the economy role does not see (quoting itself: test/unit/export-writers.test.ts)
      expect(rows[0]).toMatchObject({ postering_id: '99000001', tekst: '', beloeb: p0.beloeb });
    } finally {
      await stack.oekonomiDb('postering').where({ postering_id: 99_000_001 }).delete();
    }
  });

  it('indsatser.ndjson for a caseworker: only the own team, CPR in clear; for bi: pseudonyms; resumable with efter', async () => {
    const m = stack.municipality;
    const team = m.fagsystem.teams[0]!;
    const sag = new Map(m.fagsystem.sager.map((s) => [s.sag_id, s]));
    const cpr = new Map(m.fagsystem.borgere.map((b) => [b.borger_id, b.cpr]));
    const mine = m.fagsystem.indsatser.filter((i) => sag.get(i.sag_id)!.team_id === team.team_id);
    const caseworker = await stack.token({ roles: ['sagsbehandler'], team: team.team_id });
    const refused = await get('/export/indsatser.ndjson', caseworker);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('PURPOSE_REQUIRED');
    const res = await get('/export/indsatser.ndjson', caseworker, 'SAGSBEHANDLING');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.indsats_id).sort((a, b) => a - b)).toEqual(mine.map((i) => i.indsats_id).sort((a, b) => a - b));
    for (const l of lines)
      expect(l.borger).toBe(cpr.get(sag.get(l.indsats_id && m.fagsystem.indsatser.find((i) => i.indsats_id === l.indsats_id)!.sag_id)!.borger_id));
    const economy = await get('/export/posteringer.csv', caseworker, 'SAGSBEHANDLING');
    expect(economy.status).toBe(403);

    const bi = await stack.token({ roles: ['bi'] });
    const all = (await (await get('/export/indsatser.ndjson', bi)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(all).toHaveLength(m.fagsystem.indsatser.length);
    const i0 = m.fagsystem.indsatser[0]!;
    expect(all.find((l) => l.indsats_id === i0.indsats_id).borger).toBe(pseudonyms.pseudonym('analyse', cpr.get(sag.get(i0.sag_id)!.borger_id)!));
    for (const l of all) expect(l.borger).not.toMatch(/^\d{10}$/);
    const cut = all[Math.floor(all.length / 2)].indsats_id;
    const rest = (await (await get(`/export/indsatser.ndjson?efter=${cut}`, bi)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rest.map((l) => l.indsats_id)).toEqual(all.filter((l) => l.indsats_id > cut).map((l) => l.indsats_id));
  });

  it('analyse.csv for bi: suppressed cells stay suppressed, one access-log row', async () => {
    const bi = await stack.token({ roles: ['bi'] });
    const q = JSON.stringify({ emne: 'INDSATS', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], grupperPaa: ['PARAGRAF', 'SAGSBEHANDLER'] });
    const before = Number((await stack.store.db('analyse_adgangslog').count('* as n'))[0]!.n);
    const res = await get(`/export/analyse.csv?q=${encodeURIComponent(q)}`, bi);
    expect(res.status).toBe(200);
    const rows = csv(await res.text());
    const hidden = rows.filter((r) => r.undertrykt === 'true');
    expect(hidden.length).toBeGreaterThan(1);
    for (const r of hidden) expect([r['antal_distinkte_borger'], r.antal_borgere]).toEqual(['', '']);
    for (const r of rows.filter((x) => x.undertrykt === 'false')) expect(Number(r['antal_distinkte_borger'])).toBeGreaterThanOrEqual(5);
    expect(Number((await stack.store.db('analyse_adgangslog').count('* as n'))[0]!.n)).toBe(before + 1);
    const bad = await get(
      `/export/analyse.csv?q=${encodeURIComponent(JSON.stringify({ emne: 'SAG', maal: [{ funktion: 'ANTAL' }], grupperPaa: ['KONTO'] }))}`,
      bi,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'grupperPaa' });
  });

  it('a source that dies mid-stream: a failure line and an aborted transfer, never a complete-looking file', async () => {
    const token = await stack.token({ roles: ['oekonomi'] });
    const res = await get('/export/posteringer.csv', token, 'OEKONOMI');
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read(); // the stream has begun
    expect(first.done).toBe(false);
    // cut the economy database's connections (the export's cursor among them)
    const dbName = (await stack.oekonomiDb.raw('select current_database() as d')).rows[0].d as string;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
    await admin.end();
    let text = new TextDecoder().decode(first.value);
    let aborted = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      aborted = true;
    }
    expect(aborted).toBe(true);
    expect(text).toMatch(/#FEJL: eksporten blev afbrudt og er ufuldstændig/);
    const rows = parse(text, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
    expect(rows.length - 2).toBeLessThan(stack.municipality.oekonomi.posteringer.length);
  });

  it('no token: 401; an unknown export or bad filter: 400 naming the argument', async () => {
    expect((await fetch(`${url}/export/posteringer.csv`)).status).toBe(401);
    const token = await stack.token({ roles: ['bi'] });
    const unknown = await get('/export/borgere.csv', token);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).errors[0].extensions.argument).toBe('datasaet');
    const badFilter = await get('/export/indsatser.csv?filter=%7Bnope', token);
    expect(((await badFilter.json()) as any).errors[0].extensions.argument).toBe('filter');
  });
});
