import type { Bestilling, CprPerson, Kontrakt, Leverandoer, Produktionsenhed, Tilbud } from '../../../domain/model';
import type { BorgerAttributter } from '../identity/types';
import { formatAdresse, type Kildevaerdi } from './resolve';

/**
 * Each source's value of the attributes where sources disagree in practice (domain brief, "Attributes").
 * Used by the job (to detect conflicts) and by the API (to show provenance) so both see the same values.
 * `undefined` for a source = not asked / not applicable (left out); `null` = asked, unavailable.
 */
export function providerValues(opts: {
  leverandoer: Leverandoer;
  tilbud: Tilbud | null | undefined;
  produktionsenhed: Produktionsenhed | null | undefined;
  hentet: string;
}): { navn: Kildevaerdi[]; adresse: Kildevaerdi[] } {
  const { leverandoer: l, tilbud: t, produktionsenhed: p, hentet } = opts;
  const navn: Kildevaerdi[] = [{ kilde: 'FAGSYSTEM', vaerdi: l.navn, tidspunkt: null, hentet, reference: `leverandør ${l.id}` }];
  const adresse: Kildevaerdi[] = [{ kilde: 'FAGSYSTEM', vaerdi: formatAdresse(l), tidspunkt: null, hentet, reference: `leverandør ${l.id}` }];
  if (t !== undefined) {
    const ref = t ? `tilbud ${t.tilbudsid}/${t.afdelingsid}` : null;
    navn.push({ kilde: 'TILBUDSPORTALEN', vaerdi: t?.afdelingsnavn ?? null, tidspunkt: t?.opdateret ?? null, hentet, reference: ref });
    adresse.push({ kilde: 'TILBUDSPORTALEN', vaerdi: t ? formatAdresse(t) : null, tidspunkt: t?.opdateret ?? null, hentet, reference: ref });
  }
  if (p !== undefined && l.pnummer) {
    const ref = `P-nummer ${l.pnummer}`;
    navn.push({ kilde: 'SERVICEPLATFORMEN', vaerdi: p?.navn ?? null, tidspunkt: null, hentet, reference: ref });
    adresse.push({ kilde: 'SERVICEPLATFORMEN', vaerdi: p ? formatAdresse(p) : null, tidspunkt: null, hentet, reference: ref });
  }
  return { navn, adresse };
}

/**
 * A citizen's address and kommunekode in the fagsystem and the CPR register. With name-and-address
 * protection (navne- og adressebeskyttelse) the CPR register's address is compared but, when `visAdresse`
 * is false, never returned: its value is null.
 */
export function citizenValues(opts: {
  borgerId: number;
  borger: Pick<BorgerAttributter, 'adresse' | 'postnummer' | 'bynavn' | 'kommunekode'>;
  person: CprPerson | null | undefined;
  hentet: string;
  visBeskyttetAdresse: boolean;
}): { adresse: Kildevaerdi[]; kommunekode: Kildevaerdi[] } {
  const { borger: b, person: p, hentet } = opts;
  const ref = `borger ${opts.borgerId}`;
  const adresse: Kildevaerdi[] = [{ kilde: 'FAGSYSTEM', vaerdi: formatAdresse(b), tidspunkt: null, hentet, reference: ref }];
  const kommunekode: Kildevaerdi[] = [{ kilde: 'FAGSYSTEM', vaerdi: b.kommunekode, tidspunkt: null, hentet, reference: ref }];
  if (p !== undefined) {
    const protectedAddress = !!p?.adressebeskyttelse && !opts.visBeskyttetAdresse;
    adresse.push({
      kilde: 'SERVICEPLATFORMEN',
      vaerdi: p && !protectedAddress ? formatAdresse({ adresse: `${p.vejnavn} ${p.husnummer}`.trim(), postnummer: p.postnummer, bynavn: p.bynavn }) : null,
      tidspunkt: null,
      hentet,
      reference: 'CPR-registeret (SF1520)',
      utilgaengelig: p === null,
    });
    kommunekode.push({
      kilde: 'SERVICEPLATFORMEN',
      vaerdi: p?.kommunekode ?? null,
      tidspunkt: null,
      hentet,
      reference: 'CPR-registeret (SF1520)',
      utilgaengelig: p === null,
    });
  }
  return { adresse, kommunekode };
}

/** Kontraktpris per month: the current bestilling (fagsystem) and the current linked economy contract. */
export function contractPriceValues(opts: {
  bestilling: Bestilling | null;
  kontrakt: Kontrakt | null;
  oekonomiUtilgaengelig?: boolean;
  hentet: string;
}): Kildevaerdi[] {
  const { bestilling: b, kontrakt: k, hentet } = opts;
  return [
    { kilde: 'FAGSYSTEM', vaerdi: b?.kontraktprisPrMaaned ?? null, tidspunkt: b?.bestiltDato ?? null, hentet, reference: b ? `bestilling ${b.id}` : null },
    {
      kilde: 'OEKONOMI',
      vaerdi: k?.beloebPrMaaned ?? null,
      tidspunkt: k?.gyldigFra ?? null,
      hentet,
      reference: k ? `kontrakt ${k.kontraktNr}` : null,
      utilgaengelig: opts.oekonomiUtilgaengelig,
    },
  ];
}
