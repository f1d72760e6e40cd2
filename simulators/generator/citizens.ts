import type { BorgerRow, CprPersonRecord } from '../model';
import type { GeneratorContext } from './context';
import { addYears, dayOf } from './days';
import { FEMALE_NAMES, MALE_NAMES, OWN_TOWNS, STREETS, SURNAMES } from './names';

/**
 * Citizens: each is one person in the CPR register (SF1520) and one borger row in the fagsystem, with the
 * same name and address (until a BORGER_ATTRIBUT_AFVIGER is planted). Ages follow the specialised adult
 * area: many young adults, fewer over 65 (they move to the elderly area).
 */
export interface Citizen {
  row: BorgerRow;
  person: CprPersonRecord;
  birthDay: number;
  female: boolean;
}

const AGE_BANDS: readonly (readonly [[number, number], number])[] = [
  [[18, 24], 22],
  [[25, 34], 22],
  [[35, 49], 25],
  [[50, 64], 22],
  [[65, 80], 9],
];
const TOWN_WEIGHTS = [50, 10, 15, 25];
/** CPR numbers issued from 1 October 2007 need not pass modulus 11 (CPR-kontoret). */
const NON_MOD11_FROM = dayOf('2007-10-01');

export function generateCitizens(ctx: GeneratorContext): Citizen[] {
  const rng = ctx.rng.fork('citizens');
  const out: Citizen[] = [];
  for (let i = 0; i < ctx.preset.borgere; i++) {
    const [minAge, maxAge] = rng.weighted(AGE_BANDS);
    const age = rng.int(minAge, maxAge);
    const birthDay = addYears(ctx.asOfDay, -age - 1) + rng.int(1, 364);
    const female = rng.chance(0.45);
    const modulus11 = birthDay < NON_MOD11_FROM || rng.chance(0.6);
    const cpr = ctx.ids.cpr(birthDay, female, modulus11);
    const fornavn = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const efternavn = rng.chance(0.15) ? `${rng.pick(SURNAMES)} ${rng.pick(SURNAMES)}` : rng.pick(SURNAMES);
    const town = OWN_TOWNS[rng.weighted(TOWN_WEIGHTS.map((w, t) => [t, w] as const))]!;
    const vejnavn = rng.pick(STREETS);
    const husnummer = `${rng.int(1, 120)}${rng.chance(0.1) ? rng.pick(['A', 'B', 'C']) : ''}`;
    const row: BorgerRow = {
      borger_id: i + 1,
      cpr,
      fornavn,
      efternavn,
      adresse: `${vejnavn} ${husnummer}`,
      postnummer: town.postnummer,
      bynavn: town.bynavn,
      kommunekode: town.kommunekode,
    };
    const person: CprPersonRecord = {
      cpr,
      fornavn,
      efternavn,
      vejnavn,
      husnummer,
      postnummer: town.postnummer,
      bynavn: town.bynavn,
      kommunekode: town.kommunekode,
      status: '01',
      adressebeskyttelse: false,
    };
    out.push({ row, person, birthDay, female });
  }
  return out;
}
