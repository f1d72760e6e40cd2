/** SF1520 CPR replika opslag: one person as the CPR register knows them. */
export interface CprPersonRecord {
  cpr: string;
  fornavn: string;
  efternavn: string;
  vejnavn: string;
  husnummer: string;
  postnummer: string;
  bynavn: string;
  kommunekode: string;
  /** CPR status: "01" aktiv bopæl i Danmark, "90" død, "80" udrejst … */
  status: string;
  /** Navne- og adressebeskyttelse: the address must never be shown. */
  adressebeskyttelse: boolean;
}

export interface ProduktionsenhedRecord {
  pnummer: string;
  navn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
}

/** SF1530 CVR-Online: a company with its production units. */
export interface CvrVirksomhedRecord {
  cvr: string;
  navn: string;
  adresse: string;
  postnummer: string;
  bynavn: string;
  produktionsenheder: ProduktionsenhedRecord[];
}

export interface ServiceplatformenData {
  personer: CprPersonRecord[];
  virksomheder: CvrVirksomhedRecord[];
}
