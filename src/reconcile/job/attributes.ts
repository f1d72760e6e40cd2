import type { Knex } from 'knex';
import type { Connectors } from '../../context/connectors';
import type { CprPerson, Produktionsenhed } from '../../domain/model';
import type { PrecedencePolicy } from '../../domain/provenance-policy';
import { borgerAfvigelser, leverandoerAfvigelser } from '../rules/afvigelser/attribute-afvigelser';
import type { NyAfvigelse } from '../rules/afvigelser/types';
import type { BorgerAttributter } from '../rules/identity/types';
import { chunked } from '../chunked';
import { hash, type RunWorld } from './world';
import { deleteStaleAfvigelser, upsertAfvigelser } from './afvigelser-write';
import type { RunFence } from './fence';

/**
 * Attribute checks against the external registers. Serviceplatformen is billed per call and every CPR
 * lookup needs its legal basis (here: identifying the citizens whose payments are reconciled), so an
 * entity is checked again only when the fagsystem/Tilbudsportalen side changed or the last check is older
 * than the configured number of days. If the platform cannot
 * be reached the earlier results stand and the run says so.
 */
export interface AttributeCheckOptions {
  db: Knex;
  fence: RunFence;
  connectors: Connectors;
  world: RunWorld;
  koerselId: number;
  now: Date;
  cvrKontrolDage: number;
  borgerKontrolDage: number;
  /** which source wins per attribute (decides the chosen value an afvigelse names) */
  policy: PrecedencePolicy;
}

interface Kontrol {
  version: string;
  kontrolleret: Date;
}

export async function checkAttributes(o: AttributeCheckOptions): Promise<{ leverandoerer: number; borgere: number; warnings: string[] }> {
  const warnings: string[] = [];
  const stored = new Map<string, Kontrol>();
  for (const r of await o.db('attribut_kontrol').select('*'))
    stored.set(`${r.entitet}:${r.entitet_id}`, { version: r.version, kontrolleret: new Date(r.kontrolleret) });
  const due = (entitet: string, id: number, version: string, days: number) => {
    const s = stored.get(`${entitet}:${id}`);
    return !s || s.version !== version || o.now.getTime() - s.kontrolleret.getTime() > days * 86_400_000;
  };
  const hentet = o.now.toISOString();
  const sp = o.connectors.serviceplatformen.forRequest();

  // providers: fagsystem ↔ Tilbudsportalen ↔ CVR register (production unit by P-nummer)
  const providers = [...o.world.leverandoerer.values()].filter((l) => {
    const t = o.world.identity.tilbudOf.get(l.id) ?? null;
    return due('LEVERANDOER', l.id, providerVersion(l, t), o.cvrKontrolDage);
  });
  let checkedProviders = 0;
  if (providers.length) {
    let units: Array<Produktionsenhed | null | undefined> = providers.map(() => undefined);
    const withP = providers.filter((l) => l.pnummer);
    try {
      const found = await sp.produktionsenhed.loadMany(withP.map((l) => l.pnummer!));
      const byP = new Map<string, Produktionsenhed | null>();
      found.forEach((r, k) => {
        if (r instanceof Error) throw r;
        byP.set(withP[k]!.pnummer!, r);
      });
      units = providers.map((l) => (l.pnummer ? (byP.get(l.pnummer) ?? null) : undefined));
    } catch {
      warnings.push('the CVR register could not be asked: provider attributes compared without it');
    }
    const fund: NyAfvigelse[] = [];
    const rows = providers.map((l, k) => {
      const t = o.world.identity.tilbudOf.get(l.id) ?? null;
      const r = leverandoerAfvigelser(l, t, units[k], hentet, o.policy);
      fund.push(...r.fund);
      return { entitet: 'LEVERANDOER', entitet_id: l.id, version: providerVersion(l, t), kontrolleret: o.now, konflikter: r.felter.join(',') };
    });
    await write(
      o,
      'leverandoer_id',
      providers.map((l) => l.id),
      rows,
      fund,
    );
    checkedProviders = providers.length;
  }

  // every citizen the fagsystem holds (all are citizens of the specialised adult area): fagsystem ↔ CPR register
  const citizens = [...o.world.borgere.keys()].filter((id) => {
    const b = o.world.borgere.get(id);
    return b && due('BORGER', id, citizenVersion(b), o.borgerKontrolDage);
  });
  let checkedCitizens = 0;
  for (const ids of chunked(citizens, 500)) {
    let persons: Array<CprPerson | null>;
    try {
      const found = await sp.person.loadMany(ids.map((id) => o.world.borgere.get(id)!.cpr));
      persons = found.map((r) => {
        if (r instanceof Error) throw r;
        return r;
      });
    } catch {
      warnings.push('the CPR register could not be asked: earlier citizen attribute checks stand');
      break;
    }
    const fund: NyAfvigelse[] = [];
    const rows = ids.map((id, n) => {
      const b = o.world.borgere.get(id)!;
      const r = borgerAfvigelser(id, b, persons[n] ?? null, hentet, o.policy);
      fund.push(...r.fund);
      return { entitet: 'BORGER', entitet_id: id, version: citizenVersion(b), kontrolleret: o.now, konflikter: r.felter.join(',') };
    });
    await write(o, 'borger_id', ids, rows, fund);
    checkedCitizens += ids.length;
  }
  return { leverandoerer: checkedProviders, borgere: checkedCitizens, warnings };
}

async function write(o: AttributeCheckOptions, column: 'leverandoer_id' | 'borger_id', ids: number[], rows: object[], fund: NyAfvigelse[]): Promise<void> {
  await o.fence.write(async (trx) => {
    for (const chunk of chunked(rows, 1000)) await trx('attribut_kontrol').insert(chunk).onConflict(['entitet', 'entitet_id']).merge();
    await upsertAfvigelser(trx, fund, o.koerselId, o.now);
    await deleteStaleAfvigelser(trx, { omfang: 'ATTRIBUT', column, ids, koerselId: o.koerselId });
  });
}

function providerVersion(
  l: { navn: string; adresse: string; postnummer: string; bynavn: string; pnummer: string | null },
  t: { afdelingsnavn: string; adresse: string; postnummer: string; bynavn: string } | null,
): string {
  return hash([l.navn, l.adresse, l.postnummer, l.bynavn, l.pnummer, t && [t.afdelingsnavn, t.adresse, t.postnummer, t.bynavn]]);
}

/**
 * A citizen's check is redone by age only: a hash of an address next to a borger id would be a guessable
 * pseudonym of personal data (addresses are few), so nothing derived from the address is stored.
 */
function citizenVersion(_b: BorgerAttributter): string {
  return 'cpr-v1';
}
