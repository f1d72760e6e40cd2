import type DataLoader from 'dataloader';
import type { CallContext } from '../shared/call-context';
import type { AggregateSource } from '../shared/aggregate-source';
import type { GuardedSource, PooledSource } from '../shared/guard';
import type { ListResult } from '../shared/list-result';
import type { AccessScope } from '../../src/access/scope';
import type { PageRequest } from '../../src/pagination/cursor';
import type {
  Afgoerelse,
  Bestilling,
  Borger,
  BorgerMaalgruppe,
  Funktionsevnevurdering,
  Indsats,
  Indsatsmaal,
  Leverandoer,
  Opfoelgning,
  Organisationsenhed,
  Sag,
  Sagsbehandler,
  Stoettebehov,
  Team,
  Ydelse,
} from '../../src/domain/model';
import type { ColumnOmissions } from './projection';

/**
 * The fagsystem connector's contract. Every query takes the request's AccessScope and pushes it into SQL:
 * a sag is visible when its team is in scope; everything under a sag (afgørelser, indsatser, ydelser,
 * bestillinger, mål, opfølgninger) follows its sag; a citizen is visible when they have a visible sag.
 * Organisation and providers are not personal data and are not scoped. Loaders return null / [] for rows
 * out of scope, exactly as for rows that do not exist.
 */
export interface SagListFilter {
  status?: 'AABEN' | 'LUKKET';
  teamIds?: number[];
  sagsbehandlerIds?: number[];
  /** cases having an indsats with one of these paragraphs */
  paragraffer?: string[];
  /** handlekommune */
  kommuner?: string[];
  /** citizen in one of these målgrupper; a code matches itself and its subgroups (prefix + '.') */
  maalgrupper?: string[];
  aabnetFra?: string;
  aabnetTil?: string;
}
export type SagOrderField = 'SAG_AABNET' | 'SAGSNUMMER';

export interface IndsatsListFilter {
  paragraffer?: string[];
  status?: Array<Indsats['status']>;
  tilbudstyper?: string[];
  leverandoerIds?: number[];
  teamIds?: number[];
  sagsbehandlerIds?: number[];
  maalgrupper?: string[];
  kommuner?: string[];
  /** active at some point in [fra, til] by forventet_start / coalesce(faktisk_slut, forventet_slut) */
  periodeFra?: string;
  periodeTil?: string;
}
export type IndsatsOrderField = 'INDSATS_ID' | 'FORVENTET_START';

export interface BorgerListFilter {
  maalgrupper?: string[];
  teamIds?: number[];
  kommuner?: string[];
}
export type BorgerOrderField = 'BORGER_ID' | 'EFTERNAVN';

export interface OpfoelgningListFilter {
  teamIds?: number[];
  sagsbehandlerIds?: number[];
  forfaldenSenest?: string;
  udfoert?: boolean;
  /** not done and planlagt_dato < today */
  overskredet?: boolean;
  type?: Opfoelgning['opfoelgningstype'];
  /** "today" for overskredet (injected clock) */
  idag: string;
}
export type OpfoelgningOrderField = 'PLANLAGT_DATO';

export interface ListArgs<F, O extends string> {
  filter: F;
  order: { field: O; direction: 'ASC' | 'DESC' };
  page: PageRequest;
}

export type { ListResult };

export interface FagsystemRequest {
  sag: DataLoader<number, Sag | null>;
  sagBySagsnummer: DataLoader<string, Sag | null>;
  sagerByBorger: DataLoader<number, Sag[]>;
  afgoerelse: DataLoader<number, Afgoerelse | null>;
  afgoerelserBySag: DataLoader<number, Afgoerelse[]>;
  indsats: DataLoader<number, Indsats | null>;
  indsatserBySag: DataLoader<number, Indsats[]>;
  indsatserByAfgoerelse: DataLoader<number, Indsats[]>;
  ydelserByIndsats: DataLoader<number, Ydelse[]>;
  bestilling: DataLoader<number, Bestilling | null>;
  bestillingerByIndsats: DataLoader<number, Bestilling[]>;
  indsatsmaalByIndsats: DataLoader<number, Indsatsmaal[]>;
  opfoelgning: DataLoader<number, Opfoelgning | null>;
  opfoelgningerByIndsats: DataLoader<number, Opfoelgning[]>;
  borger: DataLoader<number, Borger | null>;
  borgerByCpr: DataLoader<string, Borger | null>;
  maalgrupperByBorger: DataLoader<number, BorgerMaalgruppe[]>;
  funktionsevneByBorger: DataLoader<number, Funktionsevnevurdering[]>;
  stoettebehovByBorger: DataLoader<number, Stoettebehov[]>;
  team: DataLoader<number, Team | null>;
  teamsByEnhed: DataLoader<number, Team[]>;
  organisationsenhed: DataLoader<number, Organisationsenhed | null>;
  sagsbehandler: DataLoader<number, Sagsbehandler | null>;
  sagsbehandlereByTeam: DataLoader<number, Sagsbehandler[]>;
  leverandoer: DataLoader<number, Leverandoer | null>;

  listSager(args: ListArgs<SagListFilter, SagOrderField>): Promise<ListResult<Sag>>;
  countSager(filter: SagListFilter): Promise<number>;
  listIndsatser(args: ListArgs<IndsatsListFilter, IndsatsOrderField>): Promise<ListResult<Indsats>>;
  countIndsatser(filter: IndsatsListFilter): Promise<number>;
  listBorgere(args: ListArgs<BorgerListFilter, BorgerOrderField>): Promise<ListResult<Borger>>;
  countBorgere(filter: BorgerListFilter): Promise<number>;
  listOpfoelgninger(args: ListArgs<OpfoelgningListFilter, OpfoelgningOrderField>): Promise<ListResult<Opfoelgning>>;
  countOpfoelgninger(filter: OpfoelgningListFilter): Promise<number>;
  listLeverandoerer(args: ListArgs<Record<string, never>, 'LEVERANDOER_ID'>): Promise<ListResult<Leverandoer>>;
  countLeverandoerer(): Promise<number>;
  listTeams(): Promise<Team[]>;
  listOrganisationsenheder(): Promise<Organisationsenhed[]>;
}

export interface FagsystemConnector extends GuardedSource, PooledSource {
  /** planned aggregate statements and export cursors (src/analytics), over the same pool */
  analytics: AggregateSource;
  /** Per request: fresh loaders bound to the caller's scope. */
  /** `projection.omit`: columns the request's loaders may leave out (projection.ts); `call`: the request, for its transaction id */
  forRequest(scope: AccessScope, projection?: { omit?: ColumnOmissions }, call?: CallContext): FagsystemRequest;
  /** Unscoped bulk reads for the gateway's own reconciliation job (never exposed to a request). */
  job: FagsystemJobReads;
  /** Throws a SourceError when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Bulk reads for reconciliation (issue: payment matching); streamed in id order in batches. */
export interface FagsystemJobReads {
  /** Indsatser joined with what matching needs: citizen CPR, provider, paragraph, account, period, current bestilling price. */
  indsatserForMatching(opts?: { batchSize?: number }): AsyncIterable<IndsatsForMatching[]>;
  leverandoerer(): Promise<Leverandoer[]>;
  borgere(opts?: { batchSize?: number }): AsyncIterable<Borger[]>;
  /**
   * A change marker of everything the job reads from the fagsystem: per table the row count and a sum of
   * row hashes, computed by the database (one statement, nothing but the marker travels). Equal markers
   * mean the job's reads would return the same rows.
   */
  aendringsmarkoer(): Promise<string>;
}

export interface IndsatsForMatching {
  indsatsId: number;
  sagId: number;
  borgerId: number;
  cpr: string;
  teamId: number;
  paragraf: string;
  kontonummer: string;
  leverandoerId: number;
  pnummer: string | null;
  tilbudsid: number | null;
  afdelingsid: number | null;
  intern: boolean;
  afregnesPrBorger: boolean;
  status: Indsats['status'];
  /** coalesce(faktisk_start, forventet_start): the actual start when delivery has begun (VUM 2.0 ID 75), else the expected one (ID 39) */
  start: string;
  /** coalesce(faktisk_slut, forventet_slut); null = open-ended */
  slut: string | null;
  integrationsId: string | null;
  /** current bestilling's kontraktpris per month, null if none */
  kontraktprisPrMaaned: string | null;
  /** ISO timestamp-ish change marker for incremental runs; the fagsystem has none, so a content hash is used */
  version: string;
}
