import { dim, felt, filter } from './define';
import type { Emnedef } from './types';

/**
 * The economy system's subject: postings (SQL Server in production). Only portable SQL here — plain
 * columns, COUNT/SUM/AVG/MIN/MAX — and the planner adds the dialect's month/quarter/year expressions.
 * A posting's citizen is its CPR field (null on accounts not booked per person).
 */
export const POSTERING: Emnedef = {
  ejer: 'oekonomi',
  beskrivelse: 'Economy postings (forbrug); time = bilagsdato, the accounting date the budget follows',
  fra: 'postering p',
  noegle: 'p.postering_id',
  borger: 'p.cpr',
  team: null,
  tid: { art: 'dato', kolonne: 'p.bilagsdato' },
  dimensioner: {
    KONTO: dim('p.konto', 'kontoplan function (VUM 2.0 ID 37)'),
    ARTSKONTO: dim('p.art', 'kontoplan art, e.g. 4.0 køb af tjenesteydelser'),
    KREDITOR: dim('p.kreditor_nr', 'economy creditor number'),
  },
  felter: {
    BORGER: felt('p.cpr', 'id'),
    POSTERING: felt('p.postering_id', 'id'),
    BELOEB: felt('p.beloeb', 'penge'),
  },
  joins: {},
  filtre: { konti: filter('p.konto'), arter: filter('p.art') },
};
