/** Domain types returned by connectors: camelCase, dates as ISO strings, money as decimal strings. */
export interface Organisationsenhed {
  id: number;
  navn: string;
}

export interface Team {
  id: number;
  enhedId: number;
  navn: string;
}

export interface Sagsbehandler {
  id: number;
  teamId: number;
  navn: string;
  initialer: string;
}
