import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isSourceError } from '../../connectors/shared/source-error';
import { CursorError } from '../pagination/cursor';

/**
 * The error catalogue clients can rely on (stable `extensions.code`, all of them in ./error-codes.ts):
 *   BAD_USER_INPUT          an argument is wrong; `extensions.argument` names it
 *   GRAPHQL_VALIDATION_FAILED / GRAPHQL_PARSE_FAILED  the document itself is wrong
 *   SOURCE_*                a source system failed; `extensions.source` names it, `retryable` says whether to retry
 *   INTERNAL_SERVER_ERROR   a bug on our side; details only in the log, under the transaction id
 * Messages never carry a stack trace, SQL, an upstream body or a CPR number.
 */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Turns what a resolver threw into the error the client sees; returns `internal: true` for unexpected ones. */
export function classifyResolverError(original: unknown): {
  error: GraphQLFormattedError['extensions'] & { code: string };
  message: string;
  internal: boolean;
} {
  if (isSourceError(original)) {
    return { message: original.message, error: { code: original.code, source: original.source, retryable: original.retryable }, internal: false };
  }
  if (original instanceof CursorError) {
    return { message: original.message, error: { code: 'BAD_USER_INPUT', argument: original.argument }, internal: false };
  }
  if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') {
    return { message: original.message, error: { ...original.extensions, code: original.extensions.code as string }, internal: false };
  }
  return { message: 'Internal server error', error: { code: 'INTERNAL_SERVER_ERROR' }, internal: true };
}

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/**
 * Shared by both engines. Errors without an originalError come from parsing/validation/coercion: their
 * messages are graphql-js's own (they name the variable/argument type) and are safe to pass through.
 */
/** In production graphql-js's "Did you mean …?" hints are dropped: they let a caller map the schema without introspection. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

export function formatGraphQLError(err: GraphQLError, log?: ErrorLogger, transactionId?: string, opts: { production?: boolean } = {}): GraphQLFormattedError {
  if (opts.production) {
    const f = formatGraphQLError(err, log, transactionId);
    return { ...f, message: withoutSuggestions(f.message) };
  }
  const original = err.originalError;
  if (!err.path) {
    // no path: the request itself was refused (parse, validation, variable coercion by a scalar) — the
    // message is graphql-js's, naming the variable/type, and the scalar's text never holds the value
    const code = (err.extensions?.code as string | undefined) ?? (original ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED');
    return { message: err.message, locations: err.locations, extensions: { ...err.extensions, code } };
  }
  if (!original || original === err) {
    const code = (err.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED';
    return { message: err.message, locations: err.locations, path: err.path, extensions: { ...err.extensions, code } };
  }
  const c = classifyResolverError(original);
  if (c.internal) {
    // the only place an unexpected error's details go: the log, under the transaction id
    log?.error(
      { transactionId, path: err.path, failure: { name: (original as Error).name, message: (original as Error).message, stack: (original as Error).stack } },
      'resolver failed',
    );
  }
  return { message: c.message, locations: err.locations, path: err.path, extensions: c.error };
}
