import type { GatewayContext } from '../context/context';
import { decodeGlobalId } from '../graphql/global-id';
import { badInput } from '../graphql/errors';

/** Borger ids given as an argument, decoded by the request's own rules (pseudonymous for pseudonym roles). */
export function borgerIdsOf(ctx: GatewayContext, ids: readonly string[] | null | undefined, argument: string): number[] | undefined {
  if (!ids) return undefined;
  return ids.map((id) => {
    const d = decodeGlobalId(id, argument);
    const n = d.type === 'Borger' ? ctx.access.borgerIdOf(d.key) : null;
    if (n === null) throw badInput(argument, `"${argument}" expects Borger ids returned to you`);
    return n;
  });
}
