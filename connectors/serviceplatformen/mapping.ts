import { z } from 'zod';
import type { CprPerson, CvrVirksomhed, Produktionsenhed } from '../../src/domain/model';
import type { Cpr } from '../../src/domain/identifiers/cpr';
import type { XmlNode } from './envelope';

/**
 * SOAP response content → domain types, checked with zod first so a changed response schema is one clear
 * SOURCE_BAD_RESPONSE. Every answer must be about the number asked for: results are tied to their key, never
 * trusted by position or by "it was the answer to that socket".
 */
export class MappingError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * An element the platform sends empty (`<Adresse/>`: a person without a Danish address, status 80/90) parses
 * as ''; its parts are then empty too. Names and identifiers are required: their absence is a changed schema.
 */
const text = z.string();
const emptyAsObject = <T extends z.ZodTypeAny>(shape: T) => z.preprocess((v) => (v === '' ? {} : v), shape);

const Address = emptyAsObject(z.object({ StreetAddress: text.default(''), PostCode: text.default(''), DistrictName: text.default('') }));

const PersonLookupResponse = z.object({
  PNR: z.string().regex(/^\d{10}$/),
  Navn: z.object({ Fornavn: text, Efternavn: text }),
  Adresse: emptyAsObject(z.object({ Vejnavn: text.default(''), Husnummer: text.default(''), Postnummer: text.default(''), Bynavn: text.default('') })),
  Kommunekode: text,
  Status: text,
  AdresseBeskyttelse: z.enum(['true', 'false']),
});

const ProductionUnit = z.object({
  ProductionUnitIdentifier: z.string().regex(/^\d{10}$/),
  ProductionUnitName: text,
  AddressOfficial: Address,
});

const LegalUnitResponse = z.object({
  LegalUnit: z.object({
    LegalUnitIdentifier: z.string().regex(/^\d{8}$/),
    LegalUnitName: text,
    AddressOfficial: Address,
    // an empty <ProductionUnitList/> is a company without production units
    ProductionUnitList: emptyAsObject(z.object({ ProductionUnit: z.array(ProductionUnit).default([]) })),
  }),
});

const ProductionUnitResponse = z.object({
  ProductionUnit: ProductionUnit.extend({ LegalUnitIdentifier: z.string().regex(/^\d{8}$/) }),
});

function parse<T>(schema: z.ZodType<T>, payload: XmlNode): T {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  // the path only: a value here could be a CPR or a name
  throw new MappingError(`unexpected shape at ${issue?.path.join('.') || 'the response element'}`);
}

function sameNumber(asked: string, answered: string): void {
  if (asked !== answered) throw new MappingError('the answer is about another number than the one asked for');
}

/** SF1520 PersonLookupResponse → CprPerson. The address is returned even when protected; callers must honour the flag. */
export function toCprPerson(cpr: Cpr, payload: XmlNode): CprPerson {
  const p = parse(PersonLookupResponse, payload);
  sameNumber(cpr, p.PNR);
  return {
    cpr,
    fornavn: p.Navn.Fornavn,
    efternavn: p.Navn.Efternavn,
    vejnavn: p.Adresse.Vejnavn,
    husnummer: p.Adresse.Husnummer,
    postnummer: p.Adresse.Postnummer,
    bynavn: p.Adresse.Bynavn,
    kommunekode: p.Kommunekode,
    status: p.Status,
    adressebeskyttelse: p.AdresseBeskyttelse === 'true',
  };
}

function unit(u: z.infer<typeof ProductionUnit>, cvr: string | null): Produktionsenhed {
  return {
    pnummer: u.ProductionUnitIdentifier,
    cvr,
    navn: u.ProductionUnitName,
    adresse: u.AddressOfficial.StreetAddress,
    postnummer: u.AddressOfficial.PostCode,
    bynavn: u.AddressOfficial.DistrictName,
  };
}

/** SF1530 getLegalUnitResponse → CvrVirksomhed with its production units (their owner is this company). */
export function toCvrVirksomhed(cvr: string, payload: XmlNode): CvrVirksomhed {
  const { LegalUnit: c } = parse(LegalUnitResponse, payload);
  sameNumber(cvr, c.LegalUnitIdentifier);
  return {
    cvr: c.LegalUnitIdentifier,
    navn: c.LegalUnitName,
    adresse: c.AddressOfficial.StreetAddress,
    postnummer: c.AddressOfficial.PostCode,
    bynavn: c.AddressOfficial.DistrictName,
    produktionsenheder: c.ProductionUnitList.ProductionUnit.map((u) => unit(u, c.LegalUnitIdentifier)),
  };
}

/** SF1530 getProductionUnitResponse → Produktionsenhed with the owning company's CVR. */
export function toProduktionsenhed(pnummer: string, payload: XmlNode): Produktionsenhed {
  const { ProductionUnit: u } = parse(ProductionUnitResponse, payload);
  sameNumber(pnummer, u.ProductionUnitIdentifier);
  return unit(u, u.LegalUnitIdentifier);
}
