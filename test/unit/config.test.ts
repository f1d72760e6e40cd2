import { describe, it, expect } from 'vitest';
import { roleDefinitionsWith } from '../../src/access/principal';
import { loadConfig, ConfigError } from '../../src/config';

const UUIDS = {
  SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID: '11111111-1111-4111-8111-111111111111',
  SERVICEPLATFORMEN_USER_SYSTEM_UUID: '22222222-2222-4222-8222-222222222222',
  SERVICEPLATFORMEN_USER_UUID: '33333333-3333-4333-8333-333333333333',
  SERVICEPLATFORMEN_SERVICE_UUID_CPR: '44444444-4444-4444-8444-444444444444',
  SERVICEPLATFORMEN_SERVICE_UUID_CVR: '55555555-5555-4555-8555-555555555555',
};

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs every source embedded when nothing is configured', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.engine).toBe('mercurius');
    expect(c.fagsystem).toBeUndefined();
    expect(c.oekonomi).toBeUndefined();
    expect(c.tilbudsportalen).toBeUndefined();
    expect(c.serviceplatformen).toBeUndefined();
    expect(c.store).toEqual({ kind: 'pglite', dataDir: '.data/gateway-store' });
    expect(loadConfig({ GATEWAY_STORE_DIR: ':memory:' }).store).toEqual({ kind: 'pglite', dataDir: undefined });
    expect(c.simulator.preset).toBe('demo');
    expect(c.partitionBatches).toBe(10);
    expect(loadConfig({ AFSTEMNING_PARTITION_BATCHES: '3' }).partitionBatches).toBe(3);
    expect([c.holdSources, loadConfig({ AFSTEMNING_KILDER_I_HUKOMMELSE: 'off' }).holdSources]).toEqual([true, false]);
    expect(loadConfig({ AFSTEMNING_PRAECEDENS: 'leverandoer.navn=FAGSYSTEM>TILBUDSPORTALEN' }).precedencePolicy['leverandoer.navn'][0]).toBe('FAGSYSTEM');
  });

  it('points a source at a real server when its variable is set', () => {
    const c = loadConfig({
      FAGSYSTEM_DATABASE_URL: 'postgres://u@db:5432/fag',
      OEKONOMI_DATABASE_URL: 'mssql://sa:S3cret%21@sql:1433/oekonomi?trustServerCertificate=true',
    });
    expect(c.fagsystem).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/fag', poolMax: 10 });
    expect(c.oekonomi).toMatchObject({ kind: 'mssql', connection: { server: 'sql', port: 1433, userName: 'sa', password: 'S3cret!', database: 'oekonomi' } });
  });

  it('takes per-role citizen caps per minute from CITIZEN_LIMIT_PER_MINUTE_<ROLE>, the defaults otherwise', () => {
    expect(loadConfig({}).citizensPerMinute).toEqual({}); // every role keeps its default (src/access/limits/numbers.ts)
    const c = loadConfig({ CITIZEN_LIMIT_PER_MINUTE_OEKONOMI: '250000', CITIZEN_LIMIT_PER_MINUTE_APP: ' 100 ' });
    expect(c.citizensPerMinute).toEqual({ oekonomi: 250_000, app: 100 });
    const roles = roleDefinitionsWith(c.citizensPerMinute);
    expect([roles.oekonomi.budget.citizensPerMinute, roles.app.budget.citizensPerMinute, roles.bi.budget.citizensPerMinute]).toEqual([250_000, 100, 50_000]);
    expect(failure({ CITIZEN_LIMIT_PER_MINUTE_OEKONOMI: '1e6' }).message).toMatch(/^CITIZEN_LIMIT_PER_MINUTE_OEKONOMI: must be a whole number/);
    expect(failure({ CITIZEN_LIMIT_PER_MINUTE_LEDER: '-5' }).message).toMatch(/^CITIZEN_LIMIT_PER_MINUTE_LEDER: /);
    expect(failure({ CITIZEN_LIMIT_PER_MINUTE_BI: '' }).message).toMatch(/^CITIZEN_LIMIT_PER_MINUTE_BI: /);
  });

  it('names the variable in one line for each kind of bad value', () => {
    expect(failure({ PORT: 'eighty' }).message).toMatch(/^PORT: /);
    expect(failure({ GATEWAY_ENGINE: 'yoga' }).message).toMatch(/^GATEWAY_ENGINE: /);
    expect(failure({ FAGSYSTEM_DATABASE_URL: 'mysql://x' }).message).toMatch(/^FAGSYSTEM_DATABASE_URL: unsupported scheme/);
    expect(failure({ OEKONOMI_DATABASE_URL: 'not a url' }).message).toMatch(/^OEKONOMI_DATABASE_URL: not a valid URL/);
    expect(failure({ TILBUDSPORTALEN_URL: 'https://tp.example' }).message).toBe('TILBUDSPORTALEN_USERNAME: is required when TILBUDSPORTALEN_URL is set');
    expect(failure({ SERVICEPLATFORMEN_URL: 'https://sp.example', ...UUIDS }).message).toMatch(/^SERVICEPLATFORMEN_CERT_FILE: is required/);
    expect(failure({ SERVICEPLATFORMEN_URL: 'http://sp.example', ...UUIDS, SERVICEPLATFORMEN_USER_UUID: 'me' }).message).toMatch(
      /^SERVICEPLATFORMEN_USER_UUID: must be a UUID/,
    );
    for (const e of [failure({ PORT: '-1' }), failure({ SIMULATOR_PRESET: 'huge' })]) expect(e.message.split('\n')).toHaveLength(1);
    expect(failure({ AFSTEMNING_PRAECEDENS: 'leverandoer.navn=NOWHERE' }).message).toMatch(/^AFSTEMNING_PRAECEDENS: /);
    expect(failure({ AFSTEMNING_PARTITION_BATCHES: '0' }).message).toMatch(/^AFSTEMNING_PARTITION_BATCHES: /);
  });
});
