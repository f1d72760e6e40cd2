import type { MatchIndsats, MatchPosting } from '../../src/reconcile/rules/matching/types';
import { CitizenResolver } from '../../src/reconcile/rules/identity/citizens';

/**
 * Hand-made postings, indsatser and citizens for the unit tests of the matching rules and the record-linkage
 * matcher (test/unit/matching-rules, test/unit/linkage): one March 2025 invoice of 10,000.00 kr. for citizen
 * A from creditor K1, and the § 85 indsats it pays, at that contract price. Synthetic CPR numbers (valid
 * dates, fictitious persons); never real ones.
 */
export const CPR_A = '0101801234';
export const CPR_B = '0202902345';

export function posting(p: Partial<MatchPosting> = {}): MatchPosting {
  return {
    id: 1,
    bilagsnr: '20250000001',
    konto: '5.38.39',
    kreditorNr: 'K1',
    beloebOere: 1_000_000,
    periodeFra: '2025-03-01',
    periodeTil: '2025-03-31',
    cpr: CPR_A,
    tekst: 'Faktura marts 2025',
    integrationsId: null,
    registreret: '2025-04-05T10:00:00',
    ...p,
  };
}

export function indsats(i: Partial<MatchIndsats> = {}): MatchIndsats {
  return {
    indsatsId: 10,
    borgerId: 1,
    leverandoerId: 100,
    paragraf: 'SEL85',
    konto: '5.38.39',
    start: '2024-01-01',
    slut: null,
    integrationsId: null,
    bestillingspriser: [{ fra: '2025-01-01', til: '2025-12-31', oere: 1_000_000 }],
    kontraktpriser: [{ fra: '2025-01-01', til: '2025-12-31', oere: 1_000_000 }],
    kreditorer: new Set(['K1']),
    ...i,
  };
}

/** Citizen A is borger 1, citizen B borger 2. */
export function twoCitizens(): CitizenResolver {
  const citizens = new CitizenResolver();
  citizens.add(CPR_A, 1);
  citizens.add(CPR_B, 2);
  return citizens;
}
