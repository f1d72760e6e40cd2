import type { Indsats } from '../../../domain/model';
import { toOere, roundOere } from '../../../domain/money';
import { daysBetween } from '../../../domain/dates';
import { UGER_PR_MAANED_DENOMINATOR, UGER_PR_MAANED_NUMERATOR } from '../../../domain/codes/vum';

/**
 * Forventet pris (VUM 2.0 ID 49–52), in øre, computed exactly from the indsats' scope:
 *   ID 49 basisindsatspris = antal enheder i hver periode (ID 45) × gentagelser (ID 47) × enhedspris (ID 48)
 *   ID 51 per month       = units per period × periods per month (weekly: 52/12) × enhedspris
 *   ID 52 samlet indsats  = per month × the expected period in months (days × 12 / 365); null without end date (ID 41)
 * Units may be fractional ("2.5" hours), so they are carried in hundredths and rounded once, at the end.
 */
export interface ExpectedPrice {
  basisindsatspris: number;
  prMaaned: number;
  samletIndsats: number | null;
}

export function expectedPrice(
  i: Pick<Indsats, 'antalEnheder' | 'ydelsesfrekvens' | 'gentagelser' | 'enhedspris' | 'forventetStart' | 'forventetSlut'>,
): ExpectedPrice {
  const unitsHundredths = toOere(i.antalEnheder);
  const unitPrice = toOere(i.enhedspris);
  const perPeriodTimes100 = unitsHundredths * unitPrice; // øre × 100
  const basis = roundOere((perPeriodTimes100 * i.gentagelser) / 100);
  const perMonth =
    i.ydelsesfrekvens === 'UGE'
      ? roundOere((perPeriodTimes100 * UGER_PR_MAANED_NUMERATOR) / (UGER_PR_MAANED_DENOMINATOR * 100))
      : roundOere(perPeriodTimes100 / 100);
  const samlet = i.forventetSlut === null ? null : roundOere((perMonth * (daysBetween(i.forventetStart, i.forventetSlut) + 1) * 12) / 365);
  return { basisindsatspris: basis, prMaaned: perMonth, samletIndsats: samlet };
}
