import type { Knex } from 'knex';
import type { Postering } from '../../domain/model';
import { toOere } from '../../domain/money';
import { linkPosting } from '../rules/linkage/decide';
import { citizenEvidence } from '../rules/linkage/citizen';
import { encodeEvidens } from '../rules/linkage/evidence-codec';
import { assignBatch } from '../rules/linkage/assign';
import { linkageAfvigelser } from '../rules/linkage/afvigelser';
import { creditorFits } from '../rules/matching/rules';
import type { MatchOutcome, MatchPosting } from '../rules/matching/types';
import { posteringAfvigelser } from '../rules/afvigelser/posting-afvigelser';
import type { NyAfvigelse } from '../rules/afvigelser/types';
import type { BeslutningState } from '../rules/decisions/types';
import { scoreContextOf } from './score-context';
import { deleteStaleAfvigelser, upsertAfvigelser } from './afvigelser-write';
import type { RunWorld } from './world';
import { insertUnnest, type Column } from './bulk';
import type { RunFence } from './fence';

const MATCH_COLUMNS: Column[] = [
  { name: 'postering_id', type: 'bigint' },
  { name: 'bilagsnr', type: 'text' },
  { name: 'indsats_id', type: 'int' },
  { name: 'regel', type: 'text' },
  { name: 'confidence', type: 'numeric' },
  { name: 'auto_indsats_id', type: 'int' },
  { name: 'auto_regel', type: 'text' },
  { name: 'kandidater', type: 'smallint' },
  { name: 'beloeb_oere', type: 'bigint' },
  { name: 'periode_fra', type: 'date' },
  { name: 'periode_til', type: 'date' },
  { name: 'konto', type: 'text' },
  { name: 'kreditor_nr', type: 'text' },
  { name: 'registreret', type: 'text' },
  { name: 'borger_id', type: 'int' },
  { name: 'cpr_kilde', type: 'text' },
  { name: 'kreditor_er_leverandoer', type: 'boolean' },
  { name: 'koersel_id', type: 'int' },
  { name: 'evidens', type: 'jsonb' },
];

/**
 * Matches one batch of postings and writes the results in one transaction: the match rows (upsert by
 * posting id) and the posting-level afvigelser. A current manual decision wins over the rules: an assignment
 * replaces the rules' result (kept beside it as auto_*), a rejection excludes that indsats from the rules.
 */
export interface BatchContext {
  db: Knex;
  /** every write goes through the run's fence */
  fence: RunFence;
  world: RunWorld;
  decisions: ReadonlyMap<number, BeslutningState>;
  /** creditors linked only to providers financed by budget (not settled per citizen) */
  budgetKreditorer: ReadonlySet<string>;
  koerselId: number;
  now: Date;
  /** read the previous match of each posting (incremental runs: their old indsats must be recomputed) */
  trackPrevious: boolean;
}

export interface BatchResult {
  touched: Set<number>;
  matched: number;
  /** postings whose assigned indsats is gone from the fagsystem */
  indsatsForsvundet: number[];
}

const NONE: ReadonlySet<number> = new Set();

export function toMatchPosting(p: Postering): MatchPosting {
  return {
    id: p.id,
    bilagsnr: p.bilagsnr,
    konto: p.konto,
    kreditorNr: p.kreditorNr,
    beloebOere: toOere(p.beloeb),
    periodeFra: p.periodeFra,
    periodeTil: p.periodeTil,
    cpr: p.cpr,
    tekst: p.tekst,
    integrationsId: p.integrationsId,
    registreret: p.registreret,
  };
}

export async function processPostingBatch(ctx: BatchContext, postings: readonly Postering[]): Promise<BatchResult> {
  const { world } = ctx;
  const touched = new Set<number>();
  const indsatsForsvundet: number[] = [];
  const rows: Record<string, unknown>[] = [];
  const fund: NyAfvigelse[] = [];
  let matched = 0;
  const scoring = scoreContextOf(world);
  const mps = postings.map(toMatchPosting);
  const autos = mps.map((mp) => {
    const decision = ctx.decisions.get(mp.id);
    return linkPosting(mp, citizenEvidence(mp, world.citizens), scoring, decision?.afvisteIndsatser.length ? new Set(decision.afvisteIndsatser) : NONE);
  });
  assignBatch(
    autos,
    mps.map((mp) => mp.periodeFra.slice(0, 7)),
    mps.map((mp) => mp.beloebOere),
    // the invoice a line belongs to: swapped CPRs are two lines of one invoice, registered together
    mps.map((mp) => `${mp.kreditorNr ?? ''}|${mp.registreret.slice(0, 10)}`),
  );
  for (const [k, mp] of mps.entries()) {
    const auto = autos[k]!;
    const who = auto.who.resolved;
    const decision = ctx.decisions.get(mp.id);
    let final: MatchOutcome = auto;
    if (decision?.tildeltIndsatsId != null) {
      const target = world.index.get(decision.tildeltIndsatsId);
      if (target)
        final = { indsatsId: target.indsatsId, regel: 'MANUEL', confidence: 1, kandidater: auto.kandidater, kreditorErLeverandoer: creditorFits(mp, target) };
      else indsatsForsvundet.push(mp.id);
    }
    if (final.indsatsId !== null) {
      matched++;
      touched.add(final.indsatsId);
    }
    rows.push({
      postering_id: mp.id,
      bilagsnr: mp.bilagsnr,
      indsats_id: final.indsatsId,
      regel: final.regel,
      confidence: final.confidence,
      auto_indsats_id: auto.indsatsId,
      auto_regel: auto.regel,
      kandidater: Math.min(final.kandidater, 32_000),
      beloeb_oere: mp.beloebOere,
      periode_fra: mp.periodeFra,
      periode_til: mp.periodeTil,
      konto: mp.konto,
      kreditor_nr: mp.kreditorNr,
      registreret: mp.registreret,
      borger_id: who.borgerId,
      cpr_kilde: who.cprKilde,
      kreditor_er_leverandoer: final.kreditorErLeverandoer,
      koersel_id: ctx.koerselId,
      evidens: JSON.stringify(encodeEvidens(auto.evidens)),
    });
    const leverandoerId = final.indsatsId === null ? null : (world.index.get(final.indsatsId)?.leverandoerId ?? null);
    fund.push(
      ...posteringAfvigelser({
        posting: mp,
        who,
        outcome: final,
        leverandoerId,
        kreditorKunBudget: mp.kreditorNr !== null && ctx.budgetKreditorer.has(mp.kreditorNr),
      }),
    );
    fund.push(...linkageAfvigelser(mp, auto, final, leverandoerId));
  }
  const ids = postings.map((p) => p.id);
  await ctx.fence.write(async (trx) => {
    if (ctx.trackPrevious) {
      const before = await trx('postering_match').whereIn('postering_id', ids).whereNotNull('indsats_id').select('indsats_id');
      for (const r of before) touched.add(r.indsats_id);
    }
    await insertUnnest(
      trx,
      'postering_match',
      MATCH_COLUMNS,
      rows,
      `on conflict (postering_id) do update set ${MATCH_COLUMNS.filter((c) => c.name !== 'postering_id')
        .map((c) => `"${c.name}" = excluded."${c.name}"`)
        .join(', ')}`,
    );
    await upsertAfvigelser(trx, fund, ctx.koerselId, ctx.now);
    await deleteStaleAfvigelser(trx, { omfang: 'POSTERING', column: 'postering_id', ids, koerselId: ctx.koerselId });
  });
  return { touched, matched, indsatsForsvundet };
}

/** Creditors whose every linked provider is financed by budget (their postings are transfers, not payments per citizen). */
export function budgetOnlyCreditors(world: RunWorld): Set<string> {
  const settled = new Map<string, boolean>();
  for (const link of world.identity.links) {
    const l = world.leverandoerer.get(link.leverandoerId);
    const s = !!l && (l.afregnesPrBorger || !l.intern);
    settled.set(link.kreditorNr, (settled.get(link.kreditorNr) ?? false) || s);
  }
  return new Set([...settled].filter(([, s]) => !s).map(([k]) => k));
}
