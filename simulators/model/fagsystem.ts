/**
 * The simulated fagsystem's content. The row types belong to the connector (connectors/fagsystem/rows.ts):
 * the simulator builds what the connector reads, not the other way round.
 */
import type {
  OrganisationsenhedRow,
  TeamRow,
  SagsbehandlerRow,
  BorgerRow,
  BorgerMaalgruppeRow,
  LeverandoerRow,
  SagRow,
  AfgoerelseRow,
  IndsatsRow,
  YdelseRow,
  BestillingRow,
  FunktionsevnevurderingRow,
  StoettebehovRow,
  IndsatsmaalRow,
  OpfoelgningRow,
} from '../../connectors/fagsystem/rows';

export type {
  OrganisationsenhedRow,
  TeamRow,
  SagsbehandlerRow,
  BorgerRow,
  BorgerMaalgruppeRow,
  LeverandoerRow,
  SagRow,
  AfgoerelseRow,
  IndsatsRow,
  YdelseRow,
  BestillingRow,
  FunktionsevnevurderingRow,
  StoettebehovRow,
  IndsatsmaalRow,
  OpfoelgningRow,
} from '../../connectors/fagsystem/rows';

export interface FagsystemData {
  organisationsenheder: OrganisationsenhedRow[];
  teams: TeamRow[];
  sagsbehandlere: SagsbehandlerRow[];
  borgere: BorgerRow[];
  borgerMaalgrupper: BorgerMaalgruppeRow[];
  leverandoerer: LeverandoerRow[];
  sager: SagRow[];
  afgoerelser: AfgoerelseRow[];
  indsatser: IndsatsRow[];
  ydelser: YdelseRow[];
  bestillinger: BestillingRow[];
  funktionsevnevurderinger: FunktionsevnevurderingRow[];
  stoettebehov: StoettebehovRow[];
  indsatsmaal: IndsatsmaalRow[];
  opfoelgninger: OpfoelgningRow[];
}
