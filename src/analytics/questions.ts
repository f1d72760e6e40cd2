import type { Dimension } from './catalogue';
import type { AnalyseFilterSpec, AnalyseSpec } from './planner/types';

/**
 * The seeds' named questions as fixed specifications over the same planner (so they get the same
 * push-down, row scope, suppression and logging as any other question).
 */

/** Rettidig opfølgning (seed 001 "Rettidig opfølgning"; VUM 2.0 ID 67/76): counts per state, days late. */
export function rettidigOpfoelgning(grupperPaa: readonly Dimension[], filter: AnalyseFilterSpec): AnalyseSpec {
  return {
    emne: 'OPFOELGNING',
    grupperPaa: ['RETTIDIGHED', ...grupperPaa.filter((d) => d !== 'RETTIDIGHED')],
    maal: [{ funktion: 'ANTAL' }, { funktion: 'GNS', felt: 'DAGE_FOR_SENT' }, { funktion: 'MAX', felt: 'DAGE_FOR_SENT' }],
    filter,
  };
}

/** Sagsbehandlingstid between the VUM phase dates (seed 001 "sagsbehandlingsfrister"; IDs 1, 25, 28, 63/64). */
export function sagsbehandlingstid(grupperPaa: readonly Dimension[], filter: AnalyseFilterSpec): AnalyseSpec {
  const fase = (felt: 'DAGE_TIL_SAGSOPLYSNING' | 'DAGE_TIL_SAGSVURDERING' | 'DAGE_TIL_AFGOERELSE') => [
    { funktion: 'GNS' as const, felt },
    { funktion: 'MEDIAN' as const, felt },
    { funktion: 'MAX' as const, felt },
  ];
  return {
    emne: 'SAG',
    grupperPaa,
    maal: [{ funktion: 'ANTAL' }, ...fase('DAGE_TIL_SAGSOPLYSNING'), ...fase('DAGE_TIL_SAGSVURDERING'), ...fase('DAGE_TIL_AFGOERELSE')],
    filter,
  };
}

/** Potentially overlapping services (seed 003): § 85 beside ABL § 105 / SEL § 107 / § 108 at the same time. */
export function overlappendeYdelser(grupperPaa: readonly Dimension[], filter: AnalyseFilterSpec): AnalyseSpec {
  return {
    emne: 'OVERLAPPENDE_YDELSER',
    grupperPaa: ['KOMBINATION', ...grupperPaa.filter((d) => d !== 'KOMBINATION')],
    maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }, { funktion: 'ANTAL' }, { funktion: 'GNS', felt: 'OVERLAP_DAGE' }],
    filter,
  };
}
