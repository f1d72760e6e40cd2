import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../../context/context';
import { classifyResolverError } from '../../graphql/errors';

/**
 * The last step before an answer leaves, for both engines: every access-log row the request started must be
 * durable. Resolvers start the writes and go on (src/access/request-access), so a case's indsatser are read
 * while its citizen's row is inserted; here the answer waits for the rows, and when one could not be written
 * the whole answer is replaced by that error — personal data never leaves unlogged (fail closed).
 */
export async function accessLogRefusal(context: GatewayContext): Promise<GraphQLFormattedError | null> {
  try {
    await context.accessLogged();
    return null;
  } catch (e) {
    const { message, error } = classifyResolverError(e);
    return { message, extensions: error };
  }
}
