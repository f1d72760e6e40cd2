import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * GraphiQL at /graphiql for both engines (outside production). The page and script are the ones Mercurius
 * ships (its static/ folder), served by one route set here so Apollo gets the same IDE at the same URL.
 */
export function registerGraphiql(app: FastifyInstance): void {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mercurius')), 'static');
  const html = readFileSync(join(dir, 'graphiql.html'), 'utf8');
  const main = readFileSync(join(dir, 'main.js'), 'utf8');
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  app.get('/graphiql', (_req, reply) => reply.type('text/html').send(html));
  app.get('/graphiql/main.js', (_req, reply) => reply.type('application/javascript').send(main));
  app.get('/graphiql/sw.js', (_req, reply) => reply.type('application/javascript').send(sw));
  app.get('/graphiql/config.js', (_req, reply) =>
    reply.type('application/javascript').send("window.GRAPHQL_ENDPOINT = '/graphql';\nwindow.GRAPHIQL_PLUGIN_LIST = []"),
  );
}
