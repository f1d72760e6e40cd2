/**
 * The catalogue of discrepancies the reconciliation reports (domain brief, "The multiple truths"). Names are
 * the ground-truth manifest's planted kinds where one exists (simulators/model/manifest.ts), so a finding and
 * what was planted compare by name; the others are what a reconciliation finds on real data besides.
 * `omfang` says which part of a run owns (recomputes) the finding.
 */
export const AFVIGELSESARTER = {
  POSTERING_UMATCHET: { omfang: 'POSTERING', beskrivelse: 'A posting that looks like payment for an indsats (on a paragraph account, with a citizen or a settled provider as creditor) matched no indsats.' },
  POSTERING_TVETYDIG: { omfang: 'POSTERING', beskrivelse: 'Several indsatser fit a posting equally well; it is left for a person to decide.' },
  CPR_KUN_I_TEKST: { omfang: 'POSTERING', beskrivelse: "The posting's CPR is only in its free text, not in the CPR field." },
  CPR_MANGLER: { omfang: 'POSTERING', beskrivelse: 'A posting for an indsats on a per-person account carries no CPR at all.' },
  ANDEN_KREDITOR: { omfang: 'POSTERING', beskrivelse: 'Paid to a creditor that is not the provider the indsats was ordered from.' },
  BETALING_EFTER_SLUT: { omfang: 'INDSATS', beskrivelse: 'A payment for a service period after the indsats ended.' },
  BETALING_FOER_START: { omfang: 'INDSATS', beskrivelse: 'A payment for a service period before the indsats started.' },
  INDSATS_UDEN_BETALING: { omfang: 'INDSATS', beskrivelse: 'An active indsats at a provider settled per citizen with no payment at all in the months it ran.' },
  DUBLET_POSTERING: { omfang: 'INDSATS', beskrivelse: 'The same invoice (creditor, account, period, amount, citizen/indsats) booked more than once.' },
  KREDITERING: { omfang: 'INDSATS', beskrivelse: 'A credit note reversing an earlier posting.' },
  FAKTISK_AFVIGER: { omfang: 'INDSATS', beskrivelse: 'What was paid for the indsats differs from the contract price over the months it ran by more than the threshold (glidning).' },
  OVERLAPPENDE_YDELSER: { omfang: 'INDSATS', beskrivelse: 'A § 85 indsats runs at the same time as an ABL § 105 / SEL § 107 / § 108 housing offer of the same citizen (potentially overlapping services).' },
  KONTRAKTPRIS_AFVIGER: { omfang: 'INDSATS', beskrivelse: "The fagsystem's bestilling and the economy's contract register disagree on the kontraktpris." },
  TAKST_AFVIGER: { omfang: 'TAKST', beskrivelse: "Tilbudsportalen's published takst for the year differs from the price the contracts were made on." },
  LEVERANDOER_ATTRIBUT_AFVIGER: { omfang: 'ATTRIBUT', beskrivelse: 'Provider name or address differs between the fagsystem, Tilbudsportalen and the CVR register.' },
  BORGER_ATTRIBUT_AFVIGER: { omfang: 'ATTRIBUT', beskrivelse: 'Citizen address or kommunekode differs between the fagsystem and the CPR register.' },
  ADRESSEBESKYTTELSE: { omfang: 'ATTRIBUT', beskrivelse: 'The CPR register protects the citizen’s name and address; the fagsystem still holds an address.' },
  BESLUTNING_POSTERING_FORSVUNDET: { omfang: 'BESLUTNING', beskrivelse: 'A manual decision concerns a posting that is no longer in the economy system; the decision is kept.' },
  BESLUTNING_INDSATS_FORSVUNDET: { omfang: 'BESLUTNING', beskrivelse: 'A manual decision assigns a posting to an indsats that is no longer in the fagsystem; the rules decide until someone acts.' },
} as const;

export type Afvigelsesart = keyof typeof AFVIGELSESARTER;
export type Omfang = (typeof AFVIGELSESARTER)[Afvigelsesart]['omfang'];
export const AFVIGELSESART_LISTE = Object.keys(AFVIGELSESARTER) as Afvigelsesart[];

/** Default drift threshold for "glidning" (the ground truth's GLIDNING_TAERSKEL_PROCENT is the same 10 %). */
export const STANDARD_GLIDNING_PROCENT = 10;
