import type { FagsystemConnector } from '../../connectors/fagsystem/types';
import type { OekonomiConnector } from '../../connectors/oekonomi/types';
import type { TilbudsportalenConnector } from '../../connectors/tilbudsportalen/types';
import type { ServiceplatformenConnector } from '../../connectors/serviceplatformen/types';

/** The long-lived connectors (pools, clients): created once at start, closed on shutdown. */
export interface Connectors {
  fagsystem: FagsystemConnector;
  oekonomi: OekonomiConnector;
  tilbudsportalen: TilbudsportalenConnector;
  serviceplatformen: ServiceplatformenConnector;
}
