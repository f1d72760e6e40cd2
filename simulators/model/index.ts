import type { FagsystemData } from './fagsystem';
import type { OekonomiData } from './oekonomi';
import type { TilbudRecord } from './tilbudsportalen';
import type { ServiceplatformenData } from './serviceplatformen';
import type { Manifest } from './manifest';

export * from './fagsystem';
export * from './oekonomi';
export * from './tilbudsportalen';
export * from './serviceplatformen';
export * from './manifest';

/** A whole synthetic municipality: what each of the four systems holds, and the ground truth. */
export interface Municipality {
  preset: string;
  seed: number;
  asOf: string;
  kommunekode: string;
  kommunenavn: string;
  fagsystem: FagsystemData;
  oekonomi: OekonomiData;
  tilbudsportalen: TilbudRecord[];
  serviceplatformen: ServiceplatformenData;
  manifest: Manifest;
}
