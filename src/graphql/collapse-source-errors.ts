import type { GraphQLFormattedError } from 'graphql';

/**
 * One error per failing source per response (issue 13: an outage gave up to 222 identical errors, one per
 * indsats). Source errors (`extensions.source`) are folded into the first of their source; it keeps the
 * shallowest path as its own, counts the nulled fields in `extensions.antal` and lists up to 20 of their
 * paths in `extensions.paths`. Every other error is kept as it is, in order.
 */
const MAX_PATHS = 20;

export function collapseSourceErrors<E extends GraphQLFormattedError>(errors: readonly E[]): E[] {
  const bySource = new Map<string, { error: E; paths: Array<ReadonlyArray<string | number>>; count: number }>();
  const out: Array<E | string> = [];
  for (const e of errors) {
    const source = e.extensions?.source;
    if (typeof source !== 'string' || !e.path) {
      out.push(e);
      continue;
    }
    const seen = bySource.get(source);
    if (!seen) {
      bySource.set(source, { error: e, paths: [e.path], count: 1 });
      out.push(source);
      continue;
    }
    seen.count++;
    if (seen.paths.length < MAX_PATHS) seen.paths.push(e.path);
    if (e.path.length < seen.error.path!.length) seen.error = { ...e, message: seen.error.message, extensions: seen.error.extensions };
  }
  return out.map((x) => {
    if (typeof x !== 'string') return x;
    const { error, paths, count } = bySource.get(x)!;
    if (count === 1) return error;
    return { ...error, extensions: { ...error.extensions, antal: count, paths } };
  });
}
