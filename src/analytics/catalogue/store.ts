import type { Emnedef } from './types';

/**
 * The reconciled store's subject: one row per indsats and month with the four prices and what was paid
 * (src/store/migrations/001). Money is integer øre there. Citizens come from indsats_afstemning (borger_id;
 * the store holds no CPR).
 */
export const INDSATSMAANED: Emnedef = {
  ejer: 'store',
  beskrivelse: 'Reconciled indsats-months: forventet, kontrakt (both truths), takst and faktisk per indsats and month of service',
  fra: 'indsats_maaned im',
  noegle: "im.indsats_id || '|' || im.maaned",
  borger: 'ia.borger_id',
  team: 'im.team_id',
  tid: { art: 'dato', kolonne: 'im.maaned' },
  dimensioner: {
    PARAGRAF: { expr: 'im.paragraf', beskrivelse: 'VUM 2.0 ID 66' },
    LEVERANDOER: { expr: 'im.leverandoer_id', beskrivelse: 'VUM 2.0 ID 69' },
    KONTO: { expr: 'im.konto', beskrivelse: 'VUM 2.0 ID 37' },
    TEAM: { expr: 'im.team_id', beskrivelse: "the case's team" },
  },
  felter: {
    BORGER: { expr: 'ia.borger_id', art: 'id', joins: ['afstemning'] },
    INDSATS: { expr: 'im.indsats_id', art: 'id' },
    FORVENTET: { expr: 'im.forventet_oere', art: 'oere' },
    KONTRAKT: { expr: 'case when im.dage > 0 then coalesce(im.kontrakt_oekonomi_oere, im.kontrakt_fagsystem_oere) end', art: 'oere' },
    KONTRAKT_FAGSYSTEM: { expr: 'im.kontrakt_fagsystem_oere', art: 'oere' },
    KONTRAKT_OEKONOMI: { expr: 'im.kontrakt_oekonomi_oere', art: 'oere' },
    TAKST: { expr: 'im.takst_oere', art: 'oere' },
    FAKTISK: { expr: 'im.faktisk_oere', art: 'oere' },
    POSTERING: { expr: 'im.antal_posteringer', art: 'tal' },
  },
  joins: { afstemning: 'join indsats_afstemning ia on ia.indsats_id = im.indsats_id' },
  filtre: {
    paragraffer: { sql: 'im.paragraf' },
    leverandoerer: { sql: 'im.leverandoer_id' },
    konti: { sql: 'im.konto' },
    teams: { sql: 'im.team_id' },
  },
};
