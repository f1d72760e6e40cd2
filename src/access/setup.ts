import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { GatewayConfig } from '../config';
import { createVerifier, type Verifier } from './auth/verifier';
import { roleDefinitionsWith } from './principal';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKey, type DevKey } from './auth/dev-key';
import { createPseudonymizer, type Pseudonymizer } from './pseudonym';
import { memoryRateLimiter, type RateLimiter } from './limits/rate-limiter';
import { insuredRateLimiter, REDIS_CLIENT_OPTIONS, type RedisStateLog } from './limits/insured-rate-limiter';

/** The long-lived parts of access control, from the configuration. */
export interface AccessSetup {
  verify: Verifier;
  pseudonymizer: Pseudonymizer;
  rateLimiter: RateLimiter;
  /** the embedded IdP's key (for printing demo tokens); undefined with a real IdP */
  devKey?: DevKey;
  /** where Redis outages are reported (once per outage), when REDIS_URL is set */
  attachLog(log: RedisStateLog): void;
  close(): Promise<void>;
}

function devPseudonymSecrets(dir: string) {
  const file = join(dir, 'pseudonym-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { sagsbehandling: string; oekonomi: string; analyse: string };
  const secrets = {
    sagsbehandling: randomBytes(48).toString('base64'),
    oekonomi: randomBytes(48).toString('base64'),
    analyse: randomBytes(48).toString('base64'),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export async function setupAccess(config: GatewayConfig): Promise<AccessSetup> {
  let verify: Verifier;
  let devKey: DevKey | undefined;
  const roles = roleDefinitionsWith(config.citizensPerMinute);
  if (config.auth.jwksUrl) {
    verify = createVerifier({ jwksUrl: config.auth.jwksUrl, issuer: config.auth.issuer!, audience: config.auth.audience, roles });
  } else {
    devKey = await loadOrCreateDevKey(config.auth.devKeyDir);
    verify = createVerifier({ localJwks: [devKey.publicJwk], issuer: DEV_ISSUER, audience: DEV_AUDIENCE, roles });
  }
  const pseudonymizer = createPseudonymizer(config.pseudonymSecrets ?? devPseudonymSecrets(config.auth.devKeyDir));
  let redis: Redis | undefined;
  let rateLimiter: RateLimiter = memoryRateLimiter();
  let attachLog: AccessSetup['attachLog'] = () => undefined;
  if (config.redisUrl) {
    // not awaited: the gateway starts without Redis and counts locally until it connects (insured-rate-limiter)
    redis = new Redis(config.redisUrl, REDIS_CLIENT_OPTIONS);
    const insured = insuredRateLimiter(redis);
    rateLimiter = insured;
    attachLog = (log) => insured.onRedisState(log);
  }
  return { verify, pseudonymizer, rateLimiter, devKey, attachLog, close: async () => void redis?.disconnect() };
}
