/**
 * The catalogue of afvigelser the reconciliation reports (domain brief, "The multiple truths"). Names are
 * the ground-truth manifest's planted kinds where one exists (simulators/model/manifest.ts), so an afvigelse and
 * what was planted compare by name; the others are what a reconciliation finds on real data besides.
 * `omfang` says which part of a run owns (recomputes) the afvigelse. Descriptions are Danish: economy staff read them.
 */
export const AFVIGELSESARTER = {
  POSTERING_UMATCHET: {
    omfang: 'POSTERING',
    beskrivelse:
      'En postering, der ligner betaling for en indsats (på en paragrafkonto, med en borger eller en leverandør, der afregnes pr. borger, som kreditor), kunne ikke matches til nogen indsats.',
  },
  POSTERING_TVETYDIG: {
    omfang: 'POSTERING',
    beskrivelse: 'Flere indsatser passer lige godt til posteringen, eller CPR-numrene ser ud til at være byttet om; en medarbejder skal afgøre det.',
  },
  CPR_KUN_I_TEKST: { omfang: 'POSTERING', beskrivelse: 'Posteringens CPR-nummer står kun i teksten, ikke i CPR-feltet.' },
  CPR_MANGLER: { omfang: 'POSTERING', beskrivelse: 'En postering for en indsats på en personhenført konto har intet CPR-nummer.' },
  ANDEN_KREDITOR: { omfang: 'POSTERING', beskrivelse: 'Betalt til en kreditor, der ikke er den leverandør, indsatsen er bestilt hos.' },
  BELOEB_AFVIGER: {
    omfang: 'POSTERING',
    beskrivelse:
      'Posteringen er matchet til indsatsen, men beløbet afviger fra prisen for perioden ud over tolerancen (0,5 % / 1 kr.), fx en prisstigning, der ikke er ført ind i kontrakten.',
  },
  KONTERINGSFEJL: {
    omfang: 'POSTERING',
    beskrivelse: 'Posteringen er matchet til indsatsen, men bogført på en nabofunktion (fx § 107 i stedet for § 108); den bør omposteres.',
  },
  CPR_OMBYTTET: {
    omfang: 'POSTERING',
    beskrivelse:
      'CPR-nummeret på posteringen passer ikke til beløbet, men en anden borgers indsats hos samme kreditor passer præcist: CPR-numrene er formentlig byttet om på en samlefaktura.',
  },
  MELLEMKOMMUNAL_REFUSION: {
    omfang: 'POSTERING',
    beskrivelse: 'Betalt til en anden kommune (mellemkommunal refusion), med et administrationstillæg oven i kontraktprisen.',
  },
  BETALING_EFTER_SLUT: { omfang: 'INDSATS', beskrivelse: 'En betaling for en serviceperiode efter indsatsens ophør.' },
  BETALING_FOER_START: { omfang: 'INDSATS', beskrivelse: 'En betaling for en serviceperiode før indsatsens start.' },
  INDSATS_UDEN_BETALING: {
    omfang: 'INDSATS',
    beskrivelse: 'En aktiv indsats hos en leverandør, der afregnes pr. borger, har ingen betaling i de måneder, den har kørt.',
  },
  DUBLET_POSTERING: { omfang: 'INDSATS', beskrivelse: 'Den samme faktura (kreditor, konto, periode, beløb, borger/indsats) er bogført mere end én gang.' },
  KREDITERING: { omfang: 'INDSATS', beskrivelse: 'En kreditnota, der tilbagefører en tidligere postering.' },
  FAKTISK_AFVIGER: {
    omfang: 'INDSATS',
    beskrivelse: 'Det betalte for indsatsen afviger fra kontraktprisen over de måneder, den har kørt, med mere end tærsklen (glidning).',
  },
  OVERLAPPENDE_YDELSER: {
    omfang: 'INDSATS',
    beskrivelse: 'En § 85-indsats kører samtidig med et botilbud efter ABL § 105 / SEL § 107 / § 108 for samme borger (mulige overlappende ydelser).',
  },
  KONTRAKTPRIS_AFVIGER: { omfang: 'INDSATS', beskrivelse: 'Fagsystemets bestilling og økonomisystemets kontraktregister er uenige om kontraktprisen.' },
  TAKST_AFVIGER: { omfang: 'TAKST', beskrivelse: 'Tilbudsportalens offentliggjorte takst for året afviger fra den pris, kontrakterne er indgået på.' },
  LEVERANDOER_ATTRIBUT_AFVIGER: {
    omfang: 'ATTRIBUT',
    beskrivelse: 'Leverandørens navn eller adresse er forskellig i fagsystemet, Tilbudsportalen og CVR-registret.',
  },
  BORGER_ATTRIBUT_AFVIGER: { omfang: 'ATTRIBUT', beskrivelse: 'Borgerens adresse eller kommunekode er forskellig i fagsystemet og CPR-registret.' },
  ADRESSEBESKYTTELSE: { omfang: 'ATTRIBUT', beskrivelse: 'CPR-registret beskytter borgerens navn og adresse; fagsystemet har stadig en adresse.' },
  BESLUTNING_POSTERING_FORSVUNDET: {
    omfang: 'BESLUTNING',
    beskrivelse: 'En manuel beslutning gælder en postering, der ikke længere findes i økonomisystemet; beslutningen bevares.',
  },
  BESLUTNING_INDSATS_FORSVUNDET: {
    omfang: 'BESLUTNING',
    beskrivelse: 'En manuel beslutning tildeler en postering til en indsats, der ikke længere findes i fagsystemet; reglerne afgør, indtil nogen handler.',
  },
} as const;

export type Afvigelsesart = keyof typeof AFVIGELSESARTER;
export type Omfang = (typeof AFVIGELSESARTER)[Afvigelsesart]['omfang'];
export const AFVIGELSESART_LISTE = Object.keys(AFVIGELSESARTER) as Afvigelsesart[];

/** Default drift threshold for "glidning" (the ground truth's GLIDNING_TAERSKEL_PROCENT is the same 10 %). */
export const STANDARD_GLIDNING_PROCENT = 10;
