import { z } from 'zod';
import type { DatabaseTarget } from './db/open';
import { DEFAULT_POLICY, parsePrecedencePolicy, type PrecedencePolicy } from './domain/provenance-policy';
import type { Role } from './access/policy';

/**
 * The one place the environment is read. Everything is validated once at start-up; a bad value stops the
 * gateway with ONE line naming the variable (ConfigError), never a stack trace.
 *
 * A source system that is not configured runs embedded: PGlite databases seeded with the synthetic
 * municipality, and the Tilbudsportalen/Serviceplatformen stand-ins on loopback. Configure a variable
 * and that source points at the real server instead.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
/** A per-role cap: a whole number of distinct citizens a minute (10 million is more than Denmark's CPR register). */
const MAX_CITIZENS_PER_MINUTE = 10_000_000;
const citizensPerMinute = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]*$/, 'must be a whole number of citizens a minute, at least 1 (e.g. 100000)')
  .transform(Number)
  .refine((n) => n <= MAX_CITIZENS_PER_MINUTE, `must be at most ${MAX_CITIZENS_PER_MINUTE.toLocaleString('en')} citizens a minute`)
  .optional();

/** The roles whose cap is set (an unset variable is absent, not undefined). */
function configured(caps: Record<Role, number | undefined>): Partial<Record<Role, number>> {
  return Object.fromEntries(Object.entries(caps).filter(([, v]) => v !== undefined)) as Partial<Record<Role, number>>;
}

const optionalUrl = z.string().trim().min(1).optional();

const EnvSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GATEWAY_ENGINE: z.enum(['mercurius', 'apollo']).default('mercurius'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  FAGSYSTEM_DATABASE_URL: optionalUrl,
  OEKONOMI_DATABASE_URL: optionalUrl,
  GATEWAY_STORE_URL: optionalUrl,
  GATEWAY_STORE_DIR: z.string().optional(),

  TILBUDSPORTALEN_URL: optionalUrl,
  TILBUDSPORTALEN_USERNAME: z.string().optional(),
  TILBUDSPORTALEN_PASSWORD: z.string().optional(),
  TILBUDSPORTALEN_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),

  SERVICEPLATFORMEN_URL: optionalUrl,
  SERVICEPLATFORMEN_CERT_FILE: z.string().optional(),
  SERVICEPLATFORMEN_KEY_FILE: z.string().optional(),
  SERVICEPLATFORMEN_CA_FILE: z.string().optional(),
  SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID: z.string().optional(),
  SERVICEPLATFORMEN_USER_SYSTEM_UUID: z.string().optional(),
  SERVICEPLATFORMEN_USER_UUID: z.string().optional(),
  SERVICEPLATFORMEN_SERVICE_UUID_CPR: z.string().optional(),
  SERVICEPLATFORMEN_SERVICE_UUID_CVR: z.string().optional(),
  SERVICEPLATFORMEN_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  SERVICEPLATFORMEN_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  SERVICEPLATFORMEN_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),

  REDIS_URL: optionalUrl,

  // resilience and capacity per source (connectors/shared/resilience-policy)
  FAGSYSTEM_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  OEKONOMI_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  GATEWAY_STORE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  TILBUDSPORTALEN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  SOURCE_QUEUE_MAX: z.coerce.number().int().min(0).max(100_000).default(1000),
  SOURCE_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  SOURCE_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SOURCE_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  OTEL_TRACING: z.enum(['on', 'off']).default('off'),

  AUTH_JWKS_URL: optionalUrl,
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().default('socialdata-gateway'),
  AUTH_DEV_KEY_DIR: z.string().default('.data/dev-auth'),
  PSEUDONYM_SECRET_SAGSBEHANDLING: z.string().optional(),
  PSEUDONYM_SECRET_OEKONOMI: z.string().optional(),
  PSEUDONYM_SECRET_ANALYSE: z.string().optional(),
  SAFELIST_MODE: z.enum(['on', 'off']).default('off'),
  AFSTEMNING_KILDER_I_HUKOMMELSE: z.enum(['on', 'off']).default('on'),
  CORS_ORIGINS: z.string().optional(),
  RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  /** days after a month's end its invoices are expected; until then an uninvoiced month is not a deviation */
  AFSTEMNING_FAKTURERINGSFORSINKELSE_DAGE: z.coerce.number().int().min(0).max(62).default(10),
  AFSTEMNING_PRAECEDENS: z.string().optional(),
  /** posting batches (of 2,000) per partition of a queued full run: the unit one replica takes and checkpoints */
  AFSTEMNING_PARTITION_BATCHES: z.coerce.number().int().min(1).max(1000).default(10),

  // per-role caps on distinct citizens read per user per minute (src/access/limits/numbers.ts has the defaults)
  CITIZEN_LIMIT_PER_MINUTE_SAGSBEHANDLER: citizensPerMinute,
  CITIZEN_LIMIT_PER_MINUTE_LEDER: citizensPerMinute,
  CITIZEN_LIMIT_PER_MINUTE_OEKONOMI: citizensPerMinute,
  CITIZEN_LIMIT_PER_MINUTE_BI: citizensPerMinute,
  CITIZEN_LIMIT_PER_MINUTE_APP: citizensPerMinute,
  CITIZEN_LIMIT_PER_MINUTE_BORGERINDSIGT: citizensPerMinute,

  SIMULATOR_PRESET: z.enum(['test', 'demo', 'large']).default('demo'),
  SIMULATOR_SEED: z.coerce.number().int().min(0).default(1),
  TILBUDSPORTALEN_STANDIN_PORT: port.default(4101),
  SERVICEPLATFORMEN_STANDIN_PORT: port.default(4102),
});

export type Env = z.infer<typeof EnvSchema>;

export interface InvocationContext {
  serviceAgreementUuid: string;
  userSystemUuid: string;
  userUuid: string;
  serviceUuidCpr: string;
  serviceUuidCvr: string;
}

export interface GatewayConfig {
  port: number;
  host: string;
  production: boolean;
  engine: 'mercurius' | 'apollo';
  logLevel: Env['LOG_LEVEL'];
  /** undefined = embedded (PGlite seeded with the synthetic municipality) */
  fagsystem: DatabaseTarget | undefined;
  oekonomi: DatabaseTarget | undefined;
  store: DatabaseTarget;
  tilbudsportalen: { url: string; username: string; password: string; timeoutMs: number } | undefined;
  serviceplatformen:
    | {
        url: string;
        certFile?: string;
        keyFile?: string;
        caFile?: string;
        invocationContext: InvocationContext;
        timeoutMs: number;
      }
    | undefined;
  serviceplatformenLimits: { concurrency: number; cacheTtlSeconds: number; timeoutMs: number };
  tilbudsportalenTimeoutMs: number;
  redisUrl: string | undefined;
  /** the shared part of every source's resilience policy (pool sizes are in the database targets) */
  resilience: { queue: number; retries: number; breakerFailures: number; halfOpenAfterMs: number; tilbudsportalenConcurrency: number };
  /** how long SIGTERM waits for in-flight requests before closing their connections */
  shutdownGraceMs: number;
  /** OpenTelemetry tracing (src/observability/tracing), off by default */
  tracing: boolean;
  /** jwksUrl set: the municipality's IdP; else the embedded dev key in devKeyDir (never in production) */
  auth: { jwksUrl?: string; issuer?: string; audience: string; devKeyDir: string };
  /** undefined: generated once and kept beside the dev key (embedded default only) */
  pseudonymSecrets: { sagsbehandling: string; oekonomi: string; analyse: string } | undefined;
  safelistMode: boolean;
  /** browser origins allowed to call the API (CORS); none by default */
  corsOrigins: string[];
  /** minutes between scheduled (incremental) reconciliation runs; 0 = only at start and on demand */
  reconcileIntervalMinutes: number;
  /** posting batches per partition of a queued full run (AFSTEMNING_PARTITION_BATCHES) */
  partitionBatches: number;
  /** keep the sources read by a run in memory for the next incremental run (AFSTEMNING_KILDER_I_HUKOMMELSE) */
  holdSources: boolean;
  faktureringsforsinkelseDage: number;
  /**
   * distinct citizens a user of a role may read per minute, for the roles whose CITIZEN_LIMIT_PER_MINUTE_<ROLE> is
   * set; the others keep their default (src/access/limits/numbers.ts, applied by src/access/principal)
   */
  citizensPerMinute: Readonly<Partial<Record<Role, number>>>;
  /** the provenance precedence policy (src/domain/provenance-policy), default when unset */
  precedencePolicy: PrecedencePolicy;
  simulator: { preset: 'test' | 'demo' | 'large'; seed: number; tilbudsportalenPort: number; serviceplatformenPort: number };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseUrl(variable: string, value: string, schemes: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `not a valid URL (expected ${schemes.map((s) => `${s}//…`).join(' or ')})`);
  }
  if (!schemes.includes(url.protocol)) throw new ConfigError(variable, `unsupported scheme "${url.protocol}" (expected ${schemes.join(' or ')})`);
  return url;
}

function postgresTarget(variable: string, value: string): DatabaseTarget {
  parseUrl(variable, value, ['postgres:', 'postgresql:']);
  return { kind: 'postgres', url: value };
}

/** The economy system runs SQL Server in production (mssql://user:password@host:1433/database) or PostgreSQL. */
function oekonomiTarget(value: string): DatabaseTarget {
  const url = parseUrl('OEKONOMI_DATABASE_URL', value, ['postgres:', 'postgresql:', 'mssql:', 'sqlserver:']);
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return { kind: 'postgres', url: value };
  const database = url.pathname.replace(/^\//, '');
  if (!url.username || !database)
    throw new ConfigError('OEKONOMI_DATABASE_URL', 'a SQL Server URL needs a user and a database: mssql://user:password@host:1433/database');
  return {
    kind: 'mssql',
    connection: {
      server: url.hostname,
      port: url.port ? Number(url.port) : 1433,
      userName: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
      options: { encrypt: url.searchParams.get('encrypt') !== 'false', trustServerCertificate: url.searchParams.get('trustServerCertificate') === 'true' },
    },
  };
}

/** Pool size of a server database (PGlite is one connection by design). */
function withPoolMax(target: DatabaseTarget, poolMax: number): DatabaseTarget {
  return target.kind === 'pglite' ? target : { ...target, poolMax };
}

function required(env: Env, variable: keyof Env, because: string): string {
  const v = env[variable];
  if (v === undefined || v === '') throw new ConfigError(variable, `is required ${because}`);
  return String(v);
}

/** `https://app.kommune.dk, http://localhost:5173`: exact origins only (a wildcard would let any site read with a user's token). */
function corsOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value.split(',').map((raw) => {
    const v = raw.trim();
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      throw new ConfigError('CORS_ORIGINS', `"${v}" is not an origin (expected e.g. https://app.kommune.dk)`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== v.replace(/\/$/, ''))
      throw new ConfigError('CORS_ORIGINS', `"${v}" is not an origin (scheme://host[:port], no path, no wildcard)`);
    return url.origin;
  });
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const env = parsed.data;

  let tilbudsportalen: GatewayConfig['tilbudsportalen'];
  if (env.TILBUDSPORTALEN_URL) {
    parseUrl('TILBUDSPORTALEN_URL', env.TILBUDSPORTALEN_URL, ['https:', 'http:']);
    tilbudsportalen = {
      url: env.TILBUDSPORTALEN_URL.replace(/\/$/, ''),
      username: required(env, 'TILBUDSPORTALEN_USERNAME', 'when TILBUDSPORTALEN_URL is set'),
      password: required(env, 'TILBUDSPORTALEN_PASSWORD', 'when TILBUDSPORTALEN_URL is set'),
      timeoutMs: env.TILBUDSPORTALEN_TIMEOUT_MS,
    };
  }

  let serviceplatformen: GatewayConfig['serviceplatformen'];
  if (env.SERVICEPLATFORMEN_URL) {
    const url = parseUrl('SERVICEPLATFORMEN_URL', env.SERVICEPLATFORMEN_URL, ['https:', 'http:']);
    const because = 'when SERVICEPLATFORMEN_URL is set';
    const uuid = (variable: keyof Env) => {
      const v = required(env, variable, because);
      if (!UUID.test(v)) throw new ConfigError(variable, "must be a UUID (from the service agreement in KOMBIT's administration module)");
      return v;
    };
    // The real Serviceplatformen authenticates the calling system by its client certificate (FOCES/OCES).
    const certFile =
      url.protocol === 'https:' ? required(env, 'SERVICEPLATFORMEN_CERT_FILE', 'for an https Serviceplatformen URL') : env.SERVICEPLATFORMEN_CERT_FILE;
    const keyFile =
      url.protocol === 'https:' ? required(env, 'SERVICEPLATFORMEN_KEY_FILE', 'for an https Serviceplatformen URL') : env.SERVICEPLATFORMEN_KEY_FILE;
    serviceplatformen = {
      url: env.SERVICEPLATFORMEN_URL.replace(/\/$/, ''),
      certFile,
      keyFile,
      caFile: env.SERVICEPLATFORMEN_CA_FILE,
      timeoutMs: env.SERVICEPLATFORMEN_TIMEOUT_MS,
      invocationContext: {
        serviceAgreementUuid: uuid('SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID'),
        userSystemUuid: uuid('SERVICEPLATFORMEN_USER_SYSTEM_UUID'),
        userUuid: uuid('SERVICEPLATFORMEN_USER_UUID'),
        serviceUuidCpr: uuid('SERVICEPLATFORMEN_SERVICE_UUID_CPR'),
        serviceUuidCvr: uuid('SERVICEPLATFORMEN_SERVICE_UUID_CVR'),
      },
    };
  }

  if (env.REDIS_URL) parseUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']);

  const production = env.NODE_ENV === 'production';
  if (env.AUTH_JWKS_URL) {
    parseUrl('AUTH_JWKS_URL', env.AUTH_JWKS_URL, ['https:', 'http:']);
    required(env, 'AUTH_ISSUER', 'when AUTH_JWKS_URL is set');
  } else if (production) {
    throw new ConfigError('AUTH_JWKS_URL', "is required in production (the municipality's identity provider); the local dev key is for the embedded demo only");
  }
  if (production) {
    // the synthetic demo municipality fills in every source that is not configured: never in production,
    // where it would serve made-up citizens (or hide that a real source is missing) — name the first gap
    const sources = [
      ['FAGSYSTEM_DATABASE_URL', env.FAGSYSTEM_DATABASE_URL],
      ['OEKONOMI_DATABASE_URL', env.OEKONOMI_DATABASE_URL],
      ['TILBUDSPORTALEN_URL', env.TILBUDSPORTALEN_URL],
      ['SERVICEPLATFORMEN_URL', env.SERVICEPLATFORMEN_URL],
    ] as const;
    const missing = sources.find(([, v]) => !v);
    if (missing)
      throw new ConfigError(missing[0], 'is required in production: the synthetic demo municipality only stands in for missing sources outside production');
  }
  const secretNames = ['PSEUDONYM_SECRET_SAGSBEHANDLING', 'PSEUDONYM_SECRET_OEKONOMI', 'PSEUDONYM_SECRET_ANALYSE'] as const;
  const secretsGiven = secretNames.filter((n) => env[n]);
  if (secretsGiven.length || production) {
    for (const n of secretNames) {
      const v = required(env, n, production ? 'in production' : 'when any PSEUDONYM_SECRET_* is set');
      if (v.length < 32) throw new ConfigError(n, 'must be at least 32 characters of secret (e.g. openssl rand -base64 48)');
    }
  }

  return {
    port: env.PORT,
    host: env.HOST,
    production,
    engine: env.GATEWAY_ENGINE,
    logLevel: env.LOG_LEVEL,
    fagsystem: env.FAGSYSTEM_DATABASE_URL
      ? withPoolMax(postgresTarget('FAGSYSTEM_DATABASE_URL', env.FAGSYSTEM_DATABASE_URL), env.FAGSYSTEM_POOL_MAX)
      : undefined,
    oekonomi: env.OEKONOMI_DATABASE_URL ? withPoolMax(oekonomiTarget(env.OEKONOMI_DATABASE_URL), env.OEKONOMI_POOL_MAX) : undefined,
    store: env.GATEWAY_STORE_URL
      ? withPoolMax(postgresTarget('GATEWAY_STORE_URL', env.GATEWAY_STORE_URL), env.GATEWAY_STORE_POOL_MAX)
      : // the store holds the one thing the gateway owns (manual decisions) and the access log: on disk by default
        { kind: 'pglite', dataDir: env.GATEWAY_STORE_DIR === ':memory:' ? undefined : env.GATEWAY_STORE_DIR || '.data/gateway-store' },
    tilbudsportalen,
    serviceplatformen,
    serviceplatformenLimits: {
      concurrency: env.SERVICEPLATFORMEN_CONCURRENCY,
      cacheTtlSeconds: env.SERVICEPLATFORMEN_CACHE_TTL_SECONDS,
      timeoutMs: env.SERVICEPLATFORMEN_TIMEOUT_MS,
    },
    tilbudsportalenTimeoutMs: env.TILBUDSPORTALEN_TIMEOUT_MS,
    redisUrl: env.REDIS_URL,
    resilience: {
      queue: env.SOURCE_QUEUE_MAX,
      retries: env.SOURCE_RETRIES,
      breakerFailures: env.SOURCE_BREAKER_FAILURES,
      halfOpenAfterMs: env.SOURCE_BREAKER_HALF_OPEN_MS,
      tilbudsportalenConcurrency: env.TILBUDSPORTALEN_CONCURRENCY,
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    tracing: env.OTEL_TRACING === 'on',
    auth: { jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, devKeyDir: env.AUTH_DEV_KEY_DIR },
    pseudonymSecrets: secretsGiven.length
      ? { sagsbehandling: env.PSEUDONYM_SECRET_SAGSBEHANDLING!, oekonomi: env.PSEUDONYM_SECRET_OEKONOMI!, analyse: env.PSEUDONYM_SECRET_ANALYSE! }
      : undefined,
    safelistMode: env.SAFELIST_MODE === 'on',
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    reconcileIntervalMinutes: env.RECONCILE_INTERVAL_MINUTES,
    partitionBatches: env.AFSTEMNING_PARTITION_BATCHES,
    holdSources: env.AFSTEMNING_KILDER_I_HUKOMMELSE === 'on',
    faktureringsforsinkelseDage: env.AFSTEMNING_FAKTURERINGSFORSINKELSE_DAGE,
    // spelled out: the configuration reads no access module at run time (test/unit/import-boundaries)
    citizensPerMinute: configured({
      sagsbehandler: env.CITIZEN_LIMIT_PER_MINUTE_SAGSBEHANDLER,
      leder: env.CITIZEN_LIMIT_PER_MINUTE_LEDER,
      oekonomi: env.CITIZEN_LIMIT_PER_MINUTE_OEKONOMI,
      bi: env.CITIZEN_LIMIT_PER_MINUTE_BI,
      app: env.CITIZEN_LIMIT_PER_MINUTE_APP,
      borgerindsigt: env.CITIZEN_LIMIT_PER_MINUTE_BORGERINDSIGT,
    }),
    precedencePolicy: precedenceFrom(env.AFSTEMNING_PRAECEDENS),
    simulator: {
      preset: env.SIMULATOR_PRESET,
      seed: env.SIMULATOR_SEED,
      tilbudsportalenPort: env.TILBUDSPORTALEN_STANDIN_PORT,
      serviceplatformenPort: env.SERVICEPLATFORMEN_STANDIN_PORT,
    },
  };
}

/** e.g. "leverandoer.navn=TILBUDSPORTALEN>FAGSYSTEM; borger.adresse=SERVICEPLATFORMEN>FAGSYSTEM" */
function precedenceFrom(text: string | undefined): PrecedencePolicy {
  if (!text) return DEFAULT_POLICY;
  try {
    return parsePrecedencePolicy(text);
  } catch (e) {
    throw new ConfigError('AFSTEMNING_PRAECEDENS', e instanceof Error ? e.message : 'not a precedence policy');
  }
}
