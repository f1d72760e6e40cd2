import { z } from 'zod';
import { MAX_LATENCY_MS } from './latency';

/**
 * Environment of the stand-alone Serviceplatformen stand-in (main.ts). Read once; a bad value stops start-up
 * with one line naming the variable. An empty variable counts as unset.
 */
const emptyAsUnset = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  SERVICEPLATFORMEN_HOST: z.preprocess(emptyAsUnset, z.string().default('127.0.0.1')),
  SERVICEPLATFORMEN_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4102)),
  SERVICEPLATFORMEN_LATENCY_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(MAX_LATENCY_MS).default(0)),
  SERVICEPLATFORMEN_LOG: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).default('off')),
  SIMULATOR_PRESET: z.preprocess(emptyAsUnset, z.enum(['test', 'demo', 'large']).default('demo')),
  SIMULATOR_SEED: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).default(1)),
});

export interface ServiceplatformenStandinConfig {
  host: string;
  port: number;
  latencyMs: number;
  logger: boolean;
  preset: 'test' | 'demo' | 'large';
  seed: number;
}

export function loadStandinConfig(env: NodeJS.ProcessEnv = process.env): ServiceplatformenStandinConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    host: e.SERVICEPLATFORMEN_HOST,
    port: e.SERVICEPLATFORMEN_PORT,
    latencyMs: e.SERVICEPLATFORMEN_LATENCY_MS,
    logger: e.SERVICEPLATFORMEN_LOG === 'on',
    preset: e.SIMULATOR_PRESET,
    seed: e.SIMULATOR_SEED,
  };
}
