/**
 * Word lists for synthetic people, places and providers. Names are common Danish names (Danmarks
 * Statistik's most frequent), places are the real towns of the municipality and its neighbours; every
 * person, street number and company built from them is fictitious.
 */
export const MALE_NAMES = [
  'Peter', 'Michael', 'Jens', 'Lars', 'Thomas', 'Henrik', 'Søren', 'Christian', 'Martin', 'Jan', 'Morten', 'Jesper',
  'Anders', 'Niels', 'Mads', 'Rasmus', 'Mikkel', 'Frederik', 'Kasper', 'Jacob', 'Emil', 'Mathias', 'Oliver', 'Lucas',
  'William', 'Noah', 'Magnus', 'Tobias', 'Simon', 'Kim', 'Ole', 'Bo', 'Torben', 'Brian', 'Kenneth', 'Jonas',
] as const;

export const FEMALE_NAMES = [
  'Anne', 'Kirsten', 'Mette', 'Hanne', 'Anna', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne', 'Lone', 'Camilla',
  'Pia', 'Louise', 'Charlotte', 'Tina', 'Gitte', 'Bente', 'Julie', 'Emma', 'Ida', 'Sofie', 'Laura', 'Freja',
  'Clara', 'Mathilde', 'Cecilie', 'Signe', 'Sara', 'Karen', 'Inge', 'Birgitte', 'Rikke', 'Maja', 'Ella', 'Nanna',
] as const;

export const SURNAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Knudsen', 'Jakobsen', 'Mikkelsen', 'Olesen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Schmidt', 'Eriksen',
  'Holm', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Østergaard', 'Jeppesen', 'Vestergaard',
] as const;

export const STREETS = [
  'Adelgade', 'Algade', 'Bredgade', 'Jernbanegade', 'Nørregade', 'Søndergade', 'Vestergade', 'Østergade', 'Skolevej',
  'Kirkevej', 'Møllevej', 'Engvej', 'Birkevej', 'Egevej', 'Bøgevej', 'Lærkevej', 'Solvej', 'Parkvej', 'Skovvej',
  'Toftevej', 'Grønnegade', 'Havnegade', 'Fjordgade', 'Stationsvej', 'Åvej', 'Markvej', 'Rosenvej', 'Kastanievej',
  'Hybenvej', 'Violvej', 'Mågevej', 'Ternevej', 'Bakkevej', 'Højvangen', 'Præstevangen', 'Søvej', 'Lindevej', 'Ahornvej',
  'Granvej', 'Fyrrevej', 'Valmuevej', 'Kornvænget', 'Smedegade', 'Torvet', 'Klostervej', 'Storegade', 'Fasanvej',
] as const;

export interface Town {
  postnummer: string;
  bynavn: string;
  kommunekode: string;
}

/** The generated municipality: Mariagerfjord (kommunekode 846), the municipality of seed 003. */
export const KOMMUNE = { kommunekode: '846', kommunenavn: 'Mariagerfjord Kommune' } as const;

export const OWN_TOWNS: readonly Town[] = [
  { postnummer: '9500', bynavn: 'Hobro', kommunekode: '846' },
  { postnummer: '9510', bynavn: 'Arden', kommunekode: '846' },
  { postnummer: '9550', bynavn: 'Mariager', kommunekode: '846' },
  { postnummer: '9560', bynavn: 'Hadsund', kommunekode: '846' },
];

/** Neighbouring municipalities: where citizens move to and where many providers are. */
export const OTHER_TOWNS: readonly Town[] = [
  { postnummer: '9000', bynavn: 'Aalborg', kommunekode: '851' },
  { postnummer: '9600', bynavn: 'Aars', kommunekode: '820' },
  { postnummer: '9520', bynavn: 'Skørping', kommunekode: '840' },
  { postnummer: '8800', bynavn: 'Viborg', kommunekode: '791' },
  { postnummer: '8900', bynavn: 'Randers C', kommunekode: '730' },
  { postnummer: '8000', bynavn: 'Aarhus C', kommunekode: '751' },
  { postnummer: '8600', bynavn: 'Silkeborg', kommunekode: '740' },
  { postnummer: '9800', bynavn: 'Hjørring', kommunekode: '860' },
];

/** Place-like names for offers and units ("Bostedet Solsikken"). */
export const PLACE_NAMES = [
  'Solsikken', 'Lærkereden', 'Egebakken', 'Fjordglimt', 'Skovbrynet', 'Kastaniegården', 'Bakkehuset', 'Lyngbo',
  'Havblik', 'Rosengården', 'Engly', 'Nordlyset', 'Strandgården', 'Kildebakken', 'Bøgely', 'Ådalen', 'Hyldebo',
  'Mosegården', 'Tranehøj', 'Valmuen', 'Birkelunden', 'Fyrtårnet', 'Møllehuset', 'Stjerneborg', 'Spurvereden',
  'Lindely', 'Ankerhuset', 'Bølgen', 'Kompasset', 'Vindrosen', 'Højgården', 'Enghaven', 'Skovsøen', 'Bryggen',
  'Udsigten', 'Toften', 'Vestervang', 'Søbakken', 'Kløverengen', 'Elmehøj', 'Rønnebær', 'Agerbo', 'Tjørnehaven',
  'Pilehuset', 'Slugten', 'Kilden', 'Vadestedet', 'Broen', 'Havnen', 'Marken', 'Lunden', 'Vængerne', 'Skrænten',
] as const;

export const COMPANY_SUFFIXES = ['ApS', 'A/S', 'ApS', 'ApS', 'I/S'] as const;
export const GROUP_PREFIXES = ['Nordjysk Omsorg', 'Kattegat Social', 'Himmerland Care', 'Jysk Bo og Støtte', 'Limfjord Social', 'Dansk Botilbud'] as const;
