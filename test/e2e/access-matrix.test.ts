import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { getNamedType, type GraphQLField } from 'graphql';
import type { TestStack } from '../support/gateway';
import { busiestTeam, startReconciledStack } from '../support/reconciled-stack';
import type { ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { decodeId } from '../support/operations';
import { buildSchema } from '../../src/graphql/schema';
import { POLICY, ROLES, FIELD_RULES, seesCitizensByPseudonym, type Role, type FieldClass } from '../../src/access/policy';
import { OPERATION_RULES } from '../../src/access/field-policy';
import { createPseudonymizer } from '../../src/access/pseudonym';
import { findCprNumbers } from '../../src/domain/identifiers/cpr-in-text';
import { pathsFrom, queryFor, reachableTypes, type Entry } from '../support/schema-walk';

/**
 * THE access matrix, GENERATED from the schema and the policy table (not a hand list): for every role and
 * every object type reachable from Query, one query selects every field of the type (and one level below)
 * along the shortest path — from a root field, or `node(id:)` with an id the role itself was given. Each
 * answer is checked on every channel personal data could leave by:
 *  - fields: every field in FIELD_RULES whose class the role may not see is null, with a FELT_SKJULT warning;
 *    fields needing a right the role lacks (OPERATION_RULES, CPR lookup) fail with FORBIDDEN and nothing else;
 *  - values anywhere (data, errors, extensions, and the decoded insides of cursors and ids): no CPR number,
 *    citizen name, address or free text of a class the role may not see — against the generator's ground
 *    truth — and no address of a protected citizen, for anyone;
 *  - rows: every citizen, case and indsats returned is inside the role's row rule (SQL on the fagsystem);
 *  - ids: pseudonym roles never get a Borger id that decodes to the fagsystem id;
 *  - access log: every citizen returned is logged for the request;
 *  - counts: totalCount equals the SQL count under the row rule.
 * On both engines. (`app` runs only registered operations: every generated query must be refused.)
 */
const schema = buildSchema();
const PURPOSE: Record<Role, string> = {
  sagsbehandler: 'SAGSBEHANDLING',
  leder: 'SAGSBEHANDLING',
  oekonomi: 'OEKONOMI',
  bi: 'ANALYSE',
  app: 'SAGSBEHANDLING',
  borgerindsigt: 'BORGERINDSIGT',
};
const pseudonymizer = createPseudonymizer({ sagsbehandling: 's'.repeat(40), oekonomi: 'o'.repeat(40), analyse: 'a'.repeat(40) }); // the test stack's secrets

let s: TestStack;
let scheduler: ReconcileScheduler;
const serverErrors: string[] = [];
/** types some role got at least one object of, per engine (the matrix must really have exercised them) */
const coverage = new Map([
  ['mercurius', new Set<string>()],
  ['apollo', new Set<string>()],
]);
let team: number;
let enhed: number;
const tokens = new Map<Role, string>();
interface Rows {
  cprs: Set<string>;
  sagsnumre: Set<string>;
  indsatser: Set<number>;
  pseudonyms: Map<string, string>;
}
const rows = new Map<Role, Rows>();
let forbidden: Record<FieldClass, Set<string>>;
let protectedAddresses: Set<string>;
let citizenCprs: Set<string>;

beforeAll(async () => {
  ({ stack: s, scheduler } = await startReconciledStack({
    logStream: { write: (m: string) => void (/"level":50/.test(m) && serverErrors.push(m.slice(0, 1500))) },
  }));
  const fag = s.fagsystemDb;
  ({ team, enhed } = await busiestTeam(fag));
  for (const role of ROLES)
    tokens.set(role, await s.token({ roles: [role], team, enhed, sub: `matrix-${role}`, scope: role === 'app' ? 'operation:Sagsoverblik' : undefined }));
  for (const role of ROLES) {
    const rule = POLICY[role].rows;
    const q = fag('sag as s')
      .join('team as t', 't.team_id', 's.team_id')
      .join('borger as b', 'b.borger_id', 's.borger_id')
      .leftJoin('indsats as i', 'i.sag_id', 's.sag_id');
    if (rule === 'team') q.where('s.team_id', team);
    if (rule === 'enhed') q.where('t.enhed_id', enhed);
    if (rule === 'ingen') q.whereRaw('false');
    const r: Array<{ cpr: string; sagsnummer: string; indsats_id: number | null }> = await q.select('b.cpr', 's.sagsnummer', 'i.indsats_id');
    const cprs = new Set(r.map((x) => x.cpr));
    rows.set(role, {
      cprs,
      sagsnumre: new Set(r.map((x) => x.sagsnummer)),
      indsatser: new Set(r.flatMap((x) => (x.indsats_id === null ? [] : [Number(x.indsats_id)]))),
      pseudonyms: new Map([...cprs].map((c) => [pseudonymizer.pseudonym(POLICY[role].pseudonymDomain, c), c])),
    });
  }
  // ground truth of what each field class protects (from the generator, not from the gateway)
  const m = s.municipality;
  citizenCprs = new Set([...m.fagsystem.borgere.map((b) => b.cpr), ...m.serviceplatformen.personer.map((p) => p.cpr)]);
  const addressOf = (p: { vejnavn: string; husnummer: string }) => `${p.vejnavn} ${p.husnummer}`;
  forbidden = {
    cpr: new Set(), // CPR numbers are found by the shared detector in any spelling (below)
    navn: new Set([
      ...m.fagsystem.borgere.flatMap((b) => [b.fornavn, b.efternavn, `${b.fornavn} ${b.efternavn}`]),
      ...m.serviceplatformen.personer.flatMap((p) => [p.fornavn, p.efternavn, `${p.fornavn} ${p.efternavn}`]),
    ]),
    adresse: new Set([...m.fagsystem.borgere.map((b) => b.adresse), ...m.serviceplatformen.personer.map(addressOf)]),
    fritekst: new Set([...m.oekonomi.posteringer.map((p) => p.tekst), ...m.fagsystem.indsatsmaal.map((x) => x.beskrivelse)].filter((t) => t.length >= 12)),
    oekonomi: new Set(),
  };
  // a caseworker, team or provider may share a name with a citizen: those strings are not the citizen's
  for (const n of [
    ...m.fagsystem.sagsbehandlere.map((x) => x.navn),
    ...m.fagsystem.teams.map((x) => x.navn),
    ...m.fagsystem.organisationsenheder.map((x) => x.navn),
    ...m.fagsystem.leverandoerer.map((x) => x.navn),
  ])
    forbidden.navn.delete(n);
  protectedAddresses = new Set(
    m.serviceplatformen.personer
      .filter((p) => p.adressebeskyttelse)
      .flatMap((p) => [addressOf(p), m.fagsystem.borgere.find((b) => b.cpr === p.cpr)?.adresse ?? ''])
      .filter(Boolean),
  );
  // a free-text reason a role without `fritekst` must not read
  const posting = await s.store.db('postering_match').whereNotNull('indsats_id').first();
  const reason = 'Matrixtest: faktura kontrolleret mod kontrakten';
  forbidden.fritekst.add(reason);
  const d = await s.graphql('mutation($in: ManuelBeslutningInput!) { registrerAfstemningsbeslutning(input: $in) { beslutning { handling } } }', {
    in: { postering: Buffer.from(`Betaling:${posting.postering_id}`).toString('base64url'), handling: 'BEKRAEFT', begrundelse: reason },
  });
  expect(d.body.errors).toBeUndefined();
}, 240_000);
afterAll(async () => {
  await scheduler?.stop();
  await s?.close();
});

/** Every string in an answer, and what hides inside base64url strings (cursors, ids). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    out.push(v);
    if (/^[A-Za-z0-9_-]{8,}$/.test(v)) out.push(Buffer.from(v, 'base64url').toString('latin1'));
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** Objects of an answer with their __typename. */
function objects(v: unknown, out: Array<Record<string, any>> = []): Array<Record<string, any>> {
  if (Array.isArray(v)) for (const x of v) objects(x, out);
  else if (v && typeof v === 'object') {
    if (typeof (v as any).__typename === 'string') out.push(v as Record<string, any>);
    for (const x of Object.values(v)) objects(x, out);
  }
  return out;
}

/** Which fields a role may not use at all (a right it lacks, or CPR lookup by a pseudonym role). */
function forbiddenFields(role: Role): Set<string> {
  const p = POLICY[role];
  const out = new Set(
    Object.entries(OPERATION_RULES)
      .filter(([, right]) => !p[right])
      .map(([k]) => k),
  );
  if (seesCitizensByPseudonym(p)) out.add('Query.borger');
  return out;
}

const reachable = reachableTypes(schema);
/** Root arguments that cannot be defaulted, from the role's own rows. */
function rootArgs(role: Role) {
  return (f: GraphQLField<unknown, unknown>): string | null => {
    const r = rows.get(role)!;
    const anyCpr = [...(r.cprs.size ? r.cprs : citizenCprs)][0]!;
    if (f.name === 'borger' || f.name === 'adgangslog') return `(cpr: "${anyCpr}")`;
    if (f.name === 'sag') return `(sagsnummer: "${[...r.sagsnumre][0] ?? 'S-0'}")`;
    if (f.name === 'prissammenligning') return '(grupperPaa: [TEAM], first: 2)';
    // a required year: the municipality's current one (its budget and ledger have data for it)
    if (f.args.some((a) => a.name === 'aar' && a.type.toString() === 'Int!')) return `(aar: ${Number(s.municipality.asOf.slice(0, 4))})`;
    if (f.name === 'node' || f.name === 'nodes') return null;
    return null;
  };
}

for (const engineName of ['mercurius', 'apollo'] as const) {
  describe(`generated access matrix on ${engineName}`, () => {
    for (const role of ROLES) {
      it(`${role}: every field of every reachable type, on every channel`, async () => {
        const gw = await s.engine(engineName);
        const p = POLICY[role];
        const r = rows.get(role)!;
        const ask = async (query: string) => {
          const res = await fetch(`${gw.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(role)}`, 'x-formaal': PURPOSE[role] },
            body: JSON.stringify({ query }),
          });
          return { status: res.status, body: (await res.json()) as any, tx: res.headers.get('x-transaction-id')! };
        };
        const noUse = forbiddenFields(role);
        const query = schema.getQueryType()!;
        const rootEntries = (): Entry[] =>
          Object.values(query.getFields()).flatMap((f) => {
            const given = rootArgs(role)(f);
            const args =
              given ??
              (f.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)
                ? null
                : f.args.some((a) => a.name === 'first')
                  ? '(first: 2)'
                  : '');
            return args === null ? [] : [{ open: `${f.name}${args}`, close: '', type: getNamedType(f.type).name }];
          });

        const seenWithData = new Set<string>();
        const ids = new Map<string, Set<string>>();
        const problems: string[] = [];
        const check = async (label: string, q: string) => {
          const a = await ask(q);
          if (role === 'app') {
            if (a.status !== 400 || a.body.errors?.[0]?.extensions?.code !== 'OPERATION_NOT_REGISTERED')
              problems.push(`${label}: app ran an unregistered query (${a.status})`);
            return;
          }
          if (a.status !== 200) return problems.push(`${label}: HTTP ${a.status} ${JSON.stringify(a.body.errors?.[0])}`);
          for (const e of a.body.errors ?? []) {
            const key = e.path ? `${e.path.filter((x: unknown) => typeof x === 'string').at(-1)}` : '';
            const allowed = e.extensions?.code === 'FORBIDDEN' && [...noUse].some((f) => f.endsWith(`.${key}`));
            if (!allowed) problems.push(`${label}: unexpected error ${e.extensions?.code}: ${e.message}`);
          }
          const warnings: any[] = a.body.extensions?.warnings ?? [];
          const citizensShown = new Set<string>();
          for (const o of objects(a.body.data)) {
            const t = o.__typename as string;
            if (Object.keys(o).length > 1) seenWithData.add(t);
            if (typeof o.id === 'string') ids.set(t, (ids.get(t) ?? new Set()).add(o.id));
            for (const [f, v] of Object.entries(o)) {
              const cls = FIELD_RULES[`${t}.${f}`];
              if (cls && !p.sees.has(cls)) {
                if (v !== null) problems.push(`${label}: ${t}.${f} shown to ${role}`);
                else if (!warnings.some((w) => w.code === 'FELT_SKJULT' && w.message.startsWith(`${t}.${f} `)))
                  problems.push(`${label}: ${t}.${f} masked without a warning`);
              }
            }
            if (t === 'Borger') {
              const cpr = o.cpr ?? (o.pseudonym ? r.pseudonyms.get(o.pseudonym) : undefined);
              if (o.cpr && !r.cprs.has(o.cpr)) problems.push(`${label}: citizen outside ${role}'s rows`);
              if (o.pseudonym && !r.pseudonyms.has(o.pseudonym)) problems.push(`${label}: pseudonym outside ${role}'s rows or domain`);
              if (cpr) citizensShown.add(cpr);
              if (typeof o.id === 'string' && seesCitizensByPseudonym(p) && /^\d+$/.test(decodeId(o.id).key))
                problems.push(`${label}: Borger id decodes to the fagsystem id for ${role}`);
            }
            if (t === 'Sag' && o.sagsnummer && !r.sagsnumre.has(o.sagsnummer)) problems.push(`${label}: case outside ${role}'s rows`);
            if (t === 'Indsats' && typeof o.id === 'string' && !r.indsatser.has(Number(decodeId(o.id).key)))
              problems.push(`${label}: indsats outside ${role}'s rows`);
          }
          // values on every channel: data, errors, extensions, and inside cursors and ids
          const texts = strings(a.body);
          const blob = texts.join('\n');
          if (!p.sees.has('cpr')) for (const c of findCprNumbers(blob)) if (citizenCprs.has(c)) problems.push(`${label}: a CPR number reached ${role}`);
          for (const cls of ['navn', 'adresse', 'fritekst'] as const) {
            if (p.sees.has(cls)) continue;
            const hit = texts.find((x) => forbidden[cls].has(x));
            if (hit !== undefined) problems.push(`${label}: ${cls} value reached ${role}`);
          }
          if (texts.some((x) => protectedAddresses.has(x))) problems.push(`${label}: a protected address was shown`);
          // access log: every citizen shown is logged for this request
          if (citizensShown.size) {
            const logged = new Set(await s.store.db('adgangslog').where({ transaktions_id: a.tx }).pluck('cpr'));
            for (const c of citizensShown) if (!logged.has(c)) problems.push(`${label}: a citizen shown was not logged`);
          }
        };

        // phase 1: every root field (ids found here open the node(id:) paths of phase 2)
        for (const e of rootEntries()) {
          const { query: q } = queryFor(schema, e, []);
          await check(`Query.${e.open.split('(')[0]}`, q);
        }
        // phase 2: the shortest path to every reachable type, nodes(ids:) entries from ids the role was given
        const nodeEntries: Entry[] = [...ids]
          .filter(([t]) => schema.getType('Node') && schema.getImplementations(schema.getType('Node') as never).objects.some((o) => o.name === t))
          .map(([t, found]) => ({
            open: `nodes(ids: [${[...found]
              .slice(0, 5)
              .map((id) => `"${id}"`)
              .join(', ')}]) { __typename ... on ${t}`,
            close: ' }',
            type: t,
          }));
        const paths = pathsFrom(schema, [...nodeEntries, ...rootEntries()]);
        for (const [type, { entry, steps }] of paths) {
          const { query: q, depth } = queryFor(schema, entry, steps);
          if (depth > 7) continue;
          await check(`${type} via ${entry.open.split('(')[0]}${steps.map((x) => `.${x.field}`).join('')}`, q);
        }
        expect(problems, [...problems.slice(0, 20), ...serverErrors.slice(0, 2)].join('\n')).toEqual([]);

        for (const t of seenWithData) coverage.get(engineName)!.add(t);
      }, 240_000);
    }

    it('exercised every reachable type with data for some role', () => {
      const unseen = [...reachable].filter((t) => !coverage.get(engineName)!.has(t) && !/Edge$|Connection$|^Query$|^Mutation$/.test(t));
      expect(unseen, `types never seen with data: ${unseen.join(', ')}`).toEqual([]);
    });

    it('counts follow the row rule', async () => {
      const gw = await s.engine(engineName);
      for (const role of ROLES.filter((x) => x !== 'app')) {
        const res = await fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(role)}`, 'x-formaal': PURPOSE[role] },
          body: JSON.stringify({ query: '{ borgere { totalCount } sager { totalCount } indsatser { totalCount } }' }),
        });
        const body = (await res.json()) as any;
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        const r = rows.get(role)!;
        expect(body.data.borgere.totalCount, `${role} borgere`).toBe(r.cprs.size);
        expect(body.data.sager.totalCount, `${role} sager`).toBe(r.sagsnumre.size);
        expect(body.data.indsatser.totalCount, `${role} indsatser`).toBe(r.indsatser.size);
      }
    });

    it('a row outside the rule looks exactly like one that does not exist (no error, no timing-relevant work)', async () => {
      const gw = await s.engine(engineName);
      const outside = s.municipality.fagsystem.sager.find((x) => !rows.get('sagsbehandler')!.sagsnumre.has(x.sagsnummer))!;
      const ask = async (n: string) =>
        (await (
          await fetch(`${gw.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('sagsbehandler')}`, 'x-formaal': 'SAGSBEHANDLING' },
            body: JSON.stringify({ query: `{ sag(sagsnummer: "${n}") { id } }` }),
          })
        ).json()) as any;
      expect(await ask(outside.sagsnummer)).toEqual(await ask('S-FINDES-IKKE'));
    });
  });
}

describe('policy table coverage', () => {
  it('every field in the policy table and every right is on a type reachable from Query', () => {
    for (const k of [...Object.keys(FIELD_RULES), ...Object.keys(OPERATION_RULES)]) {
      const t = k.split('.')[0]!;
      expect(reachable.has(t) || t === 'Query', k).toBe(true);
    }
  });
});
