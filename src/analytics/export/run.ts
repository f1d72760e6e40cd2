import { GraphQLError } from 'graphql';
import type { Principal } from '../../access/principal';
import type { Purpose } from '../../access/policy';
import type { AccessScope } from '../../access/scope';
import type { Pseudonymizer } from '../../access/pseudonym';
import type { RateLimiter } from '../../access/limits/rate-limiter';
import { createRequestAccessLog } from '../../access/access-log/writer';
import { createAnalyticsRequest, type AnalyticsSetup } from '../context';
import { runAnalyse } from '../analyse';
import type { AnalyseFilterSpec, AnalyseSpec } from '../planner/types';
import { DATASAET } from './datasets';
import { createWriter, type Format, type Writer } from './writers';
import { readAhead } from './read-ahead';

/**
 * An export: the same rules as GraphQL, row by row from a database cursor.
 *  - rows: the caller's AccessScope is in the SQL; personal columns the role may not see are empty; the
 *    citizen is the CPR for roles that see it, else the role's keyed pseudonym; every citizen is written to
 *    the access log (batch by batch, BEFORE the batch is sent) and counted against the per-minute cap
 *    (the per-request cap of GraphQL is for interactive pages; an export is bounded by the minute cap);
 *  - an aggregate (`analyse`): the planner's groups with suppression, one access-log row.
 * Everything that can be refused is checked before the first byte, so a refusal is a 4xx, never a half file.
 */
export interface ExportRequest {
  datasaet: string;
  format: Format;
  decimalKomma: boolean;
  filter: AnalyseFilterSpec;
  efter: number | null;
  analyse?: AnalyseSpec;
}

export interface ExportCaller {
  principal: Principal;
  scope: AccessScope;
  purpose: Purpose | null;
  transactionId: string;
  now: () => Date;
}

export interface ExportDeps {
  setup: AnalyticsSetup;
  pseudonymizer: Pseudonymizer;
  rateLimiter: RateLimiter;
  batchSize?: number;
}

export interface PreparedExport {
  writer: Writer;
  filename: string;
  /** the body, chunk by chunk; pulls the next database batch only when the consumer asks */
  chunks: AsyncGenerator<string>;
  /** rows written so far (for the trailer) */
  readonly antal: number;
}

export class ExportError extends GraphQLError {}

export async function prepareExport(d: ExportDeps, c: ExportCaller, r: ExportRequest): Promise<PreparedExport> {
  const today = c.now().toISOString().slice(0, 10);
  const analytics = createAnalyticsRequest(d.setup, {
    principal: c.principal,
    scope: c.scope,
    purpose: c.purpose,
    operation: `eksport_${r.datasaet}`,
    transactionId: c.transactionId,
    now: c.now,
    today,
  });
  if (r.datasaet === 'analyse') {
    if (!r.analyse)
      throw new ExportError('The analyse export needs the question in the "q" parameter', { extensions: { code: 'BAD_USER_INPUT', argument: 'q' } });
    const result = await runAnalyse(analytics, r.analyse, `export:analyse:${r.analyse.emne}`);
    const dims = result.grupperPaa.map((x) => x.toLowerCase());
    const maal = result.maal.map((m) => (m.felt ? `${m.funktion}_${m.felt}` : m.funktion).toLowerCase());
    const kolonner = [...dims, ...maal, 'antal_borgere', 'undertrykt'];
    const writer = createWriter(r.format, { kolonner, pengeKolonner: new Set(maal), decimalKomma: r.decimalKomma });
    let antal = 0;
    async function* chunks() {
      yield writer.header();
      for (const g of [
        ...result.grupper,
        { ...result.iAlt, dimensioner: result.grupperPaa.map((dimension) => ({ dimension, vaerdi: 'I_ALT', tekst: null })) },
      ]) {
        const row: Record<string, unknown> = { antal_borgere: g.antalBorgere, undertrykt: g.undertrykt };
        g.dimensioner.forEach((x, k) => (row[dims[k]!] = x.vaerdi));
        g.vaerdier.forEach((v, k) => (row[maal[k]!] = v));
        antal++;
        yield writer.rows([row]);
      }
    }
    return {
      writer,
      filename: `analyse-${r.analyse.emne.toLowerCase()}.${r.format}`,
      chunks: chunks(),
      get antal() {
        return antal;
      },
    };
  }

  const ds = DATASAET[r.datasaet];
  if (!ds)
    throw new ExportError(`Unknown export "${r.datasaet}"; one of ${[...Object.keys(DATASAET), 'analyse'].join(', ')}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'datasaet' },
    });
  const policy = c.principal.policy;
  if (policy.rows === 'ingen') throw new ExportError('Your role reads no case data', { extensions: { code: 'FORBIDDEN' } });
  if (ds.borger && !c.purpose)
    throw new ExportError('This export holds citizen data: state the purpose in the "x-formaal" header', { extensions: { code: 'PURPOSE_REQUIRED' } });
  const source = d.setup.sources[ds.ejer];
  const sql = ds.sql(r.filter, { idag: today, scope: c.scope, taelBorgere: false, dialect: source.dialect }, r.efter); // refuses an economy export for team roles
  const kolonner = ds.kolonner.map((k) => k.navn);
  const hidden = new Set(ds.kolonner.filter((k) => k.klasse && k.klasse !== 'cpr' && !policy.sees.has(k.klasse)).map((k) => k.navn));
  const clearCpr = policy.sees.has('cpr');
  const writer = createWriter(r.format, {
    kolonner,
    pengeKolonner: new Set(ds.kolonner.filter((k) => k.penge).map((k) => k.navn)),
    decimalKomma: r.decimalKomma,
  });
  const log = ds.borger
    ? createRequestAccessLog(d.setup.storeDb, {
        principal: c.principal,
        purpose: c.purpose!,
        operation: `eksport_${ds.navn}`,
        transactionId: c.transactionId,
        now: c.now,
        employees: d.setup.employees,
      })
    : null;
  const perMinute = c.principal.budget.citizensPerMinute;
  const seen = new Map<string, string>();
  let antal = 0;

  async function* chunks(): AsyncGenerator<string> {
    yield writer.header();
    for await (const batch of readAhead(source.cursor(sql.text, sql.bindings, d.batchSize ?? 2000))) {
      if (ds!.borger) {
        const fresh = [...new Set(batch.map((row) => row[ds!.borger!]).filter((v): v is string => typeof v === 'string' && !seen.has(v)))];
        if (fresh.length) {
          if ((await d.rateLimiter.add(`citizens:${c.principal.userId}`, fresh.length)) > perMinute) {
            throw new ExportError(`You have read more than ${perMinute} citizens in the last minute`, {
              extensions: { code: 'CITIZEN_LIMIT_PER_MINUTE', limit: perMinute },
            });
          }
          await log!.record(fresh); // logged before the rows leave
          for (const cpr of fresh) seen.set(cpr, clearCpr ? cpr : d.pseudonymizer.pseudonym(policy.pseudonymDomain, cpr));
        }
        for (const row of batch) {
          const v = row[ds!.borger!];
          if (typeof v === 'string') row[ds!.borger!] = seen.get(v);
        }
      }
      if (hidden.size) for (const row of batch) for (const k of hidden) row[k] = null;
      antal += batch.length;
      yield writer.rows(batch);
    }
    await analytics.log({
      emne: `export:${ds!.navn}`,
      kilde: ds!.ejer === 'fagsystem' ? 'FAGSYSTEM' : 'OEKONOMI',
      antalGrupper: 0,
      antalBorgere: seen.size,
      antalUndertrykte: 0,
    });
  }
  return {
    writer,
    filename: `${ds.navn}.${r.format}`,
    chunks: chunks(),
    get antal() {
      return antal;
    },
  };
}
