import type { BorgerFilter, IndsatsFilter, OpfoelgningFilter, SagFilter } from '../src/graphql/generated/resolvers-types';
import type { BorgerListFilter, IndsatsListFilter, OpfoelgningListFilter, SagListFilter } from '../connectors/fagsystem/types';
import { numericIdsOf } from '../src/graphql/global-id';
import { badInput } from '../src/graphql/errors';
import { paragrafByKode } from '../src/domain/codes/paragraffer';

/** GraphQL filter inputs → connector filters: global ids decoded, codes checked, so bad input names its argument. */
function paragraffer(codes: readonly string[] | null | undefined, argument: string): string[] | undefined {
  if (!codes) return undefined;
  for (const c of codes)
    if (!paragrafByKode(c)) throw badInput(argument, `"${argument}" has an unknown paragraph code; see the \`paragraffer\` query for the list`);
  return [...codes];
}

function periode(p: { fra?: string | null; til?: string | null } | null | undefined, argument: string) {
  if (p?.fra && p.til && p.fra > p.til) throw badInput(argument, `"${argument}": fra is after til`);
  return { fra: p?.fra ?? undefined, til: p?.til ?? undefined };
}

export function sagFilter(f: SagFilter | null | undefined): SagListFilter {
  if (!f) return {};
  const aabnet = periode(f.aabnet, 'filter.aabnet');
  return {
    status: f.status ?? undefined,
    teamIds: numericIdsOf('Team', f.team, 'filter.team'),
    sagsbehandlerIds: numericIdsOf('Sagsbehandler', f.sagsbehandler, 'filter.sagsbehandler'),
    paragraffer: paragraffer(f.paragraf, 'filter.paragraf'),
    kommuner: f.kommune ?? undefined,
    maalgrupper: f.maalgruppe ?? undefined,
    aabnetFra: aabnet.fra,
    aabnetTil: aabnet.til,
  };
}

export function indsatsFilter(f: IndsatsFilter | null | undefined): IndsatsListFilter {
  if (!f) return {};
  const p = periode(f.periode, 'filter.periode');
  return {
    paragraffer: paragraffer(f.paragraf, 'filter.paragraf'),
    status: f.status ?? undefined,
    tilbudstyper: f.tilbudstype ?? undefined,
    leverandoerIds: numericIdsOf('Leverandoer', f.leverandoer, 'filter.leverandoer'),
    teamIds: numericIdsOf('Team', f.team, 'filter.team'),
    sagsbehandlerIds: numericIdsOf('Sagsbehandler', f.sagsbehandler, 'filter.sagsbehandler'),
    maalgrupper: f.maalgruppe ?? undefined,
    kommuner: f.kommune ?? undefined,
    periodeFra: p.fra,
    periodeTil: p.til,
  };
}

export function borgerFilter(f: BorgerFilter | null | undefined): BorgerListFilter {
  if (!f) return {};
  return {
    maalgrupper: f.maalgruppe ?? undefined,
    teamIds: numericIdsOf('Team', f.team, 'filter.team'),
    kommuner: f.kommune ?? undefined,
  };
}

export function opfoelgningFilter(f: OpfoelgningFilter | null | undefined, idag: string): OpfoelgningListFilter {
  return {
    idag,
    teamIds: numericIdsOf('Team', f?.team, 'filter.team'),
    sagsbehandlerIds: numericIdsOf('Sagsbehandler', f?.sagsbehandler, 'filter.sagsbehandler'),
    forfaldenSenest: f?.forfaldenSenest ?? undefined,
    udfoert: f?.udfoert ?? undefined,
    overskredet: f?.overskredet ?? undefined,
    type: f?.type ?? undefined,
  };
}
