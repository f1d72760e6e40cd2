import type { KontoRow, Manifest, Municipality } from '../model';
import { PARAGRAFFER } from '../../src/domain/codes';
import { isoDateError } from '../../src/domain/dates';
import { PRESETS, type PresetName } from './presets';
import { createContext } from './context';
import { generateOrganisation } from './organisation';
import { generateProviders } from './providers';
import { generateTakster } from './takster';
import { generateCitizens } from './citizens';
import { generateCases } from './cases';
import { generateOrders } from './orders';
import { generateAssessments } from './assessments';
import { PaymentWriter } from './payments';
import { generateOtherPostings, OTHER_ACCOUNTS } from './other-postings';
import { book } from './booking';
import { generateBudgets } from './budgets';
import { generateBudgetCorrections } from './budget-corrections';
import { KOMMUNE } from './names';
import { PlantRecorder } from './disagreements/types';
import { planIndsatsPlants } from './disagreements/select';
import { plantContractPrices } from './disagreements/contract-price';
import { plantCreditNotes, plantDuplicates, plantMissingCpr } from './disagreements/postings';
import { plantCitizenAttributes, plantProviderAttributes } from './disagreements/attributes';
import { plantTakster } from './disagreements/takst';
import { sortPlanted } from './manifest';
import { plantLedgerMess } from './disagreements/ledger-mess';
import { overlapTruth } from './overlaps';

export { serialiseManifest, writeManifest } from './manifest';
export { PRESETS, PRESET_NAMES, type PresetName } from './presets';

export interface GenerateOptions {
  preset: PresetName;
  seed?: number;
  /** The "today" of the data set (ISO date); fixed by default so a seed always gives the same output. */
  asOf?: string;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_AS_OF = '2026-11-01';
export const GENERATOR_VERSION = 'socialdata-generator/1';

/**
 * Generates a whole synthetic municipality — what each of the four systems holds — and the ground truth
 * of how they relate. Deterministic: the same preset, seed and asOf give byte-identical output.
 */
export function generateMunicipality(options: GenerateOptions): Municipality {
  const preset = PRESETS[options.preset];
  if (!preset) throw new Error(`unknown preset "${options.preset}" (test, demo or large)`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error('seed must be a non-negative integer');
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const dateError = isoDateError(asOf);
  if (dateError) throw new Error(`asOf: ${dateError}`);
  const ctx = createContext(preset, seed, asOf);
  const rec = new PlantRecorder();

  const org = generateOrganisation(ctx);
  const providers = generateProviders(ctx);
  const takster = generateTakster(ctx, providers.units);
  for (const u of providers.units) if (u.tilbud) u.tilbud.takster = takster.linesFor(u.row.leverandoer_id).map((t) => ({ ...t }));
  const citizens = generateCitizens(ctx);
  const cases = generateCases(ctx, citizens, org, providers);
  const orders = generateOrders(ctx, cases.indsatser, takster);
  const assessments = generateAssessments(ctx, cases, org);

  // disagreements decided before money moves, then the postings, then plants on single postings
  const { plan, cprMangler } = planIndsatsPlants(ctx, cases.indsatser);
  plantContractPrices(ctx, cases.indsatser, plan, rec);
  const payments = new PaymentWriter(ctx);
  for (const i of cases.indsatser) payments.forIndsats(i, plan.get(i.row.indsats_id), rec);
  const drafts = payments.drafts;
  plantDuplicates(ctx, drafts, plan, rec);
  plantCreditNotes(ctx, drafts, plan, rec);
  for (const d of generateOtherPostings(ctx, cases, providers, citizens)) drafts.push(d);
  plantMissingCpr(ctx, drafts, plan, cprMangler, rec);
  plantTakster(ctx, providers.units, cases.indsatser, takster, rec);
  plantProviderAttributes(ctx, providers.units, providers.virksomheder, rec);
  plantCitizenAttributes(ctx, citizens, rec);
  const matchtilfaelde = plantLedgerMess(ctx, { indsatser: cases.indsatser, drafts, plan, kreditorer: providers.kreditorer });

  const { rows: posteringer, truth } = book(ctx, drafts);
  drafts.length = 0;
  const konti: KontoRow[] = [
    ...new Map([
      ...PARAGRAFFER.map((p) => [p.konto, { konto: p.konto, tekst: p.kontotekst }] as const),
      ...OTHER_ACCOUNTS.map((k) => [k.konto, k] as const),
    ]).values(),
  ].sort((a, b) => (a.konto < b.konto ? -1 : 1));

  const m: Municipality = {
    preset: preset.name,
    seed,
    asOf,
    kommunekode: KOMMUNE.kommunekode,
    kommunenavn: KOMMUNE.kommunenavn,
    fagsystem: {
      organisationsenheder: org.enheder,
      teams: org.teams,
      sagsbehandlere: org.sagsbehandlere,
      borgere: citizens.map((c) => c.row),
      borgerMaalgrupper: cases.borgerMaalgrupper,
      leverandoerer: providers.units.map((u) => u.row),
      sager: cases.sager,
      afgoerelser: cases.afgoerelser,
      indsatser: cases.indsatser.map((i) => i.row),
      ydelser: cases.ydelser,
      bestillinger: orders.bestillinger,
      ...assessments,
    },
    oekonomi: {
      konti,
      kreditorer: providers.kreditorer,
      kontrakter: orders.kontrakter,
      posteringer,
      budgetter: generateBudgets(ctx, posteringer),
      budgetkorrektioner: [],
    },
    tilbudsportalen: providers.units.flatMap((u) => (u.tilbud ? [u.tilbud] : [])),
    serviceplatformen: { personer: citizens.map((c) => c.person), virksomheder: providers.virksomheder },
    manifest: undefined as unknown as Manifest,
  };
  m.oekonomi.budgetkorrektioner = generateBudgetCorrections(ctx, m.oekonomi.budgetter);
  m.manifest = {
    generator: GENERATOR_VERSION,
    preset: preset.name,
    seed,
    asOf,
    counts: {},
    posteringer: truth,
    planted: sortPlanted(rec.resolve()),
    leverandoerer: providers.units.map((u) => ({
      leverandoer_id: u.row.leverandoer_id,
      pnummer: u.row.pnummer,
      cvr: u.cvr,
      kreditor_nr: [...u.kreditorer],
      tilbudsid: u.tilbud?.tilbudsid ?? null,
      afdelingsid: u.tilbud?.afdelingsid ?? null,
    })),
    matchtilfaelde: matchtilfaelde(),
    overlappendeYdelser: overlapTruth(m.fagsystem.indsatser, m.fagsystem.sager),
  };
  m.manifest.counts = countsOf(m);
  return m;
}

function countsOf(m: Municipality): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(m.fagsystem)) counts[`fagsystem.${k}`] = v.length;
  for (const [k, v] of Object.entries(m.oekonomi)) counts[`oekonomi.${k}`] = v.length;
  counts['tilbudsportalen.tilbud'] = m.tilbudsportalen.length;
  counts['serviceplatformen.personer'] = m.serviceplatformen.personer.length;
  counts['serviceplatformen.virksomheder'] = m.serviceplatformen.virksomheder.length;
  for (const p of m.manifest.planted) counts[`planted.${p.kind}`] = (counts[`planted.${p.kind}`] ?? 0) + 1;
  return counts;
}
