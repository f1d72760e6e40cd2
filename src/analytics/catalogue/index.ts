import type { Emne, Emnedef } from './types';
import { FUNKTIONSEVNEVURDERING, INDSATS, INDSATSMAAL, OPFOELGNING, OVERLAPPENDE_YDELSER, SAG } from './fagsystem';
import { INDSATSMAANED } from './store';
import { POSTERING } from './oekonomi';

export * from './types';

/** Every subject an aggregate question can be asked about, and the database that owns it. */
export const KATALOG: Readonly<Record<Emne, Emnedef>> = {
  INDSATS,
  SAG,
  OPFOELGNING,
  INDSATSMAAL,
  FUNKTIONSEVNEVURDERING,
  OVERLAPPENDE_YDELSER,
  POSTERING,
  INDSATSMAANED,
};
