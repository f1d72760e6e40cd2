import type DataLoader from 'dataloader';
import type { CallContext } from '../shared/call-context';
import type { GuardedSource } from '../shared/guard';
import type { CprPerson, CvrVirksomhed, Produktionsenhed } from '../../src/domain/model';

/**
 * Serviceplatformen over SOAP 1.1: one person or company per call, billed per call. The connector
 * deduplicates keys, caps concurrent calls, and keeps a short in-process TTL cache; it is only called for
 * fields a query selected. Unknown numbers resolve to null; an unreachable platform is a SourceError.
 */
export interface ServiceplatformenRequest {
  person: DataLoader<string, CprPerson | null>;
  virksomhed: DataLoader<string, CvrVirksomhed | null>;
  produktionsenhed: DataLoader<string, Produktionsenhed | null>;
}

export interface ServiceplatformenConnector extends GuardedSource {
  /** `call`: the request, for its transaction id */
  forRequest(call?: CallContext): ServiceplatformenRequest;
  ping(): Promise<void>;
  close(): Promise<void>;
}
