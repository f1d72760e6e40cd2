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
    KONTO: { expr: 'p.konto', beskrivelse: 'kontoplan function (VUM 2.0 ID 37)' },
    ARTSKONTO: { expr: 'p.art', beskrivelse: 'kontoplan art, e.g. 4.0 køb af tjenesteydelser' },
    KREDITOR: { expr: 'p.kreditor_nr', beskrivelse: 'economy creditor number' },
  },
  felter: {
    BORGER: { expr: 'p.cpr', art: 'id' },
    POSTERING: { expr: 'p.postering_id', art: 'id' },
    BELOEB: { expr: 'p.beloeb', art: 'penge' },
  },
  joins: {},
  filtre: { konti: { sql: 'p.konto' }, arter: { sql: 'p.art' } },
};
