import { z } from 'zod';
import { moneyError } from '../../src/domain/money';

/**
 * The JSON Tilbudsportalen sends (`GET /api/v1/tilbud` and `/tilbud/:tilbudsid/afdelinger/:afdelingsid`),
 * checked before anything is mapped, so a changed upstream shape is one clear SOURCE_BAD_RESPONSE
 * naming the field, not an `undefined` deep inside a resolver. Unknown extra fields are allowed (an
 * additive change upstream must not break the gateway); missing or mistyped ones are not.
 */
const money = z.string().refine((v) => moneyError(v) === null, { message: 'not a decimal DKK amount' });

export const TakstWire = z.object({
  aar: z.number().int().min(1900).max(2999),
  paragraf: z.string(),
  ydelseskode: z.string().nullable(),
  enhed: z.enum(['MAANED', 'DOEGN', 'TIME']),
  // money travels as a decimal string; a JSON number would already have been through binary floating point
  takst: money,
});

export const TilbudWire = z.object({
  tilbudsid: z.number().int().positive(),
  afdelingsid: z.number().int().positive(),
  tilbudsnavn: z.string(),
  afdelingsnavn: z.string(),
  tilbudstype: z.string(),
  cvr: z.string().regex(/^\d{8}$/),
  pnummer: z.string().regex(/^\d{10}$/),
  adresse: z.string(),
  postnummer: z.string(),
  bynavn: z.string(),
  paragraffer: z.array(z.string()),
  pladser: z.number().int().min(0),
  maalgrupper: z.array(z.string()),
  takster: z.array(TakstWire),
  opdateret: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'not a timestamp' }),
});

export const TilbudPageWire = z.object({
  items: z.array(TilbudWire),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  total: z.number().int().min(0),
  nextPage: z.number().int().positive().nullable(),
});

export type TilbudWire = z.infer<typeof TilbudWire>;
export type TilbudPageWire = z.infer<typeof TilbudPageWire>;

/** "items[3].takster[0].takst": where the shape broke, without the offending value. */
export function issuePath(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `unexpected shape at ${path || 'the top level'}`;
}
