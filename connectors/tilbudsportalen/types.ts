import type DataLoader from 'dataloader';
import type { CallContext } from '../shared/call-context';
import type { GuardedSource } from '../shared/guard';
import type { Tilbud } from '../../src/domain/model';

/** Tilbudsportalen over REST/JSON with Basic auth. Loaders batch many keys into one list call. */
export interface TilbudsportalenRequest {
  /** key: `${tilbudsid}:${afdelingsid}` */
  afdeling: DataLoader<string, Tilbud | null>;
  afdelingByPnummer: DataLoader<string, Tilbud | null>;
}

export interface TilbudsportalenConnector extends GuardedSource {
  /** `call`: the request, for its transaction id */
  forRequest(call?: CallContext): TilbudsportalenRequest;
  /** Walks every page (optionally only records changed since a timestamp). */
  all(opts?: { updatedSince?: string }): AsyncIterable<Tilbud[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
