/**
 * PostGraphile v5 (amber preset) on the bench's fagsystem database, as a peer for S4 — its own process,
 * Fastify v5 through grafserv, as a PostGraphile deployment would run. FAGSYSTEM_URL; prints
 * "postgraphile listening on <url>".
 */
// PostGraphile 5 uses Promise.withResolvers (Node 22+); on Node 20 the bench supplies it (the bench only)
(Promise as unknown as { withResolvers?: unknown }).withResolvers ??= function <T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
};

const Fastify = (await import('fastify')).default;
const { postgraphile } = await import('postgraphile');
const { grafserv } = await import('postgraphile/grafserv/fastify/v5');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.FAGSYSTEM_URL!, schemas: ['public'], poolConfig: { max: 10 } } as never)],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
});
const serv = pgl.createServ(grafserv);
const app = Fastify({ logger: false });
await serv.addTo(app as never);
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`postgraphile listening on ${url}\n`);
const stop = async () => {
  await app.close();
  await pgl.release();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
export {};
