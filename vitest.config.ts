import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The suites that talk to the real PostgreSQL and Redis check first that both are up (never skip silently);
// the unit project runs no server and has no such check, so `npm run test:unit` works without them.
const realServices = ['test/support/global-setup.ts'];

export default defineConfig({
  // Node loads graphql's CommonJS build (package "main") for us and for @graphql-tools alike; Vite would pick
  // the ESM build ("module") for our imports only, and graphql refuses types from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    // integration suites start databases and servers; forks keep PGlite's WASM heaps apart
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: realServices } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: realServices } },
    ],
  },
});
