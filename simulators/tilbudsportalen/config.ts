import { z } from 'zod';

/**
 * Environment of the stand-alone Tilbudsportalen stand-in (main.ts). Read once; a bad value stops start-up
 * with one line naming the variable. An empty variable counts as unset.
 */
const emptyAsUnset = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  TILBUDSPORTALEN_HOST: z.preprocess(emptyAsUnset, z.string().default('127.0.0.1')),
  TILBUDSPORTALEN_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4101)),
  TILBUDSPORTALEN_USERNAME: z.preprocess(emptyAsUnset, z.string().default('gateway')),
  TILBUDSPORTALEN_PASSWORD: z.preprocess(emptyAsUnset, z.string().default('demo-secret')),
  TILBUDSPORTALEN_LOG: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).default('off')),
  SIMULATOR_PRESET: z.preprocess(emptyAsUnset, z.enum(['test', 'demo', 'large']).default('demo')),
  SIMULATOR_SEED: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).default(1)),
});

export interface TilbudsportalenStandinConfig {
  host: string;
  port: number;
  credentials: { username: string; password: string };
  logger: boolean;
  preset: 'test' | 'demo' | 'large';
  seed: number;
}

export function loadStandinConfig(env: NodeJS.ProcessEnv = process.env): TilbudsportalenStandinConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    host: e.TILBUDSPORTALEN_HOST,
    port: e.TILBUDSPORTALEN_PORT,
    credentials: { username: e.TILBUDSPORTALEN_USERNAME, password: e.TILBUDSPORTALEN_PASSWORD },
    logger: e.TILBUDSPORTALEN_LOG === 'on',
    preset: e.SIMULATOR_PRESET,
    seed: e.SIMULATOR_SEED,
  };
}
