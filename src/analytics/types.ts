import type { Dimension, Emne } from './catalogue';
import type { Maal } from './planner/types';

/** One grouping value: the code or id as the source has it (ids as global ids), and a label where one exists. */
export interface Dimensionsvaerdi {
  dimension: Dimension;
  vaerdi: string | null;
  tekst: string | null;
}

/** A group of an answer: never a citizen, only what the group adds up to. */
export interface Analysegruppe {
  dimensioner: Dimensionsvaerdi[];
  /** one exact value per measure, in the order asked; null when suppressed or no row has the field */
  vaerdier: Array<string | null>;
  /** distinct citizens in the group (counted when suppression applies); null when suppressed */
  antalBorgere: number | null;
  undertrykt: boolean;
}

export interface Undertrykkelse {
  anvendt: boolean;
  graense: number;
  antalUndertrykte: number;
  forklaring: string;
}

export interface Analyseresultat {
  emne: Emne | string;
  kilde: 'FAGSYSTEM' | 'OEKONOMI' | 'GATEWAY';
  grupperPaa: Dimension[];
  maal: Maal[];
  grupper: Analysegruppe[];
  iAlt: Analysegruppe;
  /** groups matching the question (before `foerste`) */
  antalGrupper: number;
  afkortet: boolean;
  undertrykkelse: Undertrykkelse;
}
