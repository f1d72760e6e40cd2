import { paragrafByKode, tilbudstypeByKode, ydelseByKode, maalgruppeByKode } from '../domain/codes';
import { toGlobalId, type NodeType } from '../graphql/global-id';
import type { Dimension } from './catalogue';
import type { Dimensionsvaerdi } from './types';

/** Dimensions whose values are fagsystem ids: returned as the API's global ids, so they feed filters and node(id). */
const ID_TYPES: Partial<Record<Dimension, NodeType>> = { TEAM: 'Team', SAGSBEHANDLER: 'Sagsbehandler', LEVERANDOER: 'Leverandoer' };

/** Code lists give the label (FFB/VUM words); ids stay ids (names are a join away for the caller). */
export function dimensionsvaerdi(dimension: Dimension, raw: unknown): Dimensionsvaerdi {
  if (raw === null || raw === undefined) return { dimension, vaerdi: null, tekst: null };
  const v = String(raw);
  const idType = ID_TYPES[dimension];
  if (idType) return { dimension, vaerdi: toGlobalId(idType, v), tekst: null };
  const tekst =
    dimension === 'PARAGRAF'
      ? (paragrafByKode(v)?.betegnelse ?? null)
      : dimension === 'TILBUDSTYPE'
        ? (tilbudstypeByKode(v)?.navn ?? null)
        : dimension === 'YDELSE'
          ? (ydelseByKode(v)?.navn ?? null)
          : dimension === 'MAALGRUPPE'
            ? (maalgruppeByKode(v)?.navn ?? null)
            : null;
  return { dimension, vaerdi: v, tekst };
}
