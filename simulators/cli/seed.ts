import type { Knex } from 'knex';
import { openDatabase, describeTarget, type DatabaseTarget } from '../../src/db/open';
import { generateMunicipality, writeManifest } from '../generator';
import { seedFagsystem } from '../fagsystem/seed';
import { seedOekonomi } from '../oekonomi/seed';
import { dialectOf } from '../oekonomi/bulk-insert';
import { asOfArg, formatCounts, parse, presetArg, runCli, seedArg, UsageError } from './args';

/**
 * npm run seed -- --preset large [--seed N] [--as-of D] --fagsystem-url postgres://… --oekonomi-url postgres://…|mssql://…
 * [--manifest path/manifest.json]. URLs default to FAGSYSTEM_DATABASE_URL / OEKONOMI_DATABASE_URL.
 * Generates the municipality, loads both databases and prints times, row counts and database sizes.
 */
function targetFor(arg: string, value: string | undefined): DatabaseTarget {
  if (!value) throw new UsageError(`${arg} is required (or set ${arg === '--fagsystem-url' ? 'FAGSYSTEM_DATABASE_URL' : 'OEKONOMI_DATABASE_URL'})`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${arg} is not a URL`);
  }
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return { kind: 'postgres', url: value, poolMax: 2 };
  if ((url.protocol === 'mssql:' || url.protocol === 'sqlserver:') && arg === '--oekonomi-url') {
    const database = url.pathname.replace(/^\//, '');
    return {
      kind: 'mssql',
      poolMax: 2,
      connection: {
        server: url.hostname,
        port: url.port ? Number(url.port) : 1433,
        userName: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: database || 'master',
        options: { encrypt: url.searchParams.get('encrypt') === 'true' },
      },
    };
  }
  throw new UsageError(`${arg} must be a postgres:// URL${arg === '--oekonomi-url' ? ' or an mssql:// URL' : ''}`);
}

async function databaseSize(db: Knex): Promise<string> {
  if (dialectOf(db) !== 'postgres') return 'n/a';
  const r = await db.raw<{ rows: { size: string }[] }>('select pg_size_pretty(pg_database_size(current_database())) as size');
  return r.rows[0]!.size;
}

runCli('seed', async () => {
  const args = parse(process.argv.slice(2), {
    preset: { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    'fagsystem-url': { type: 'string' },
    'oekonomi-url': { type: 'string' },
    manifest: { type: 'string' },
  });
  const preset = presetArg(args.preset, 'demo');
  const seed = seedArg(args.seed);
  const asOf = asOfArg(args['as-of']);
  const fagTarget = targetFor('--fagsystem-url', args['fagsystem-url'] ?? process.env.FAGSYSTEM_DATABASE_URL);
  const oekTarget = targetFor('--oekonomi-url', args['oekonomi-url'] ?? process.env.OEKONOMI_DATABASE_URL);
  if (args.manifest !== undefined && args.manifest.trim() === '') throw new UsageError('--manifest must name a file');

  const t0 = performance.now();
  const m = generateMunicipality({ preset, seed, asOf });
  const generated = performance.now() - t0;
  process.stdout.write(`generated preset ${m.preset}, seed ${m.seed}, as of ${m.asOf} in ${(generated / 1000).toFixed(1)} s\n`);
  if (args.manifest) await writeManifest(args.manifest, m.manifest);

  const fag = openDatabase(fagTarget);
  const oek = openDatabase(oekTarget);
  try {
    // both loads run at once (the servers work in parallel); each reports its own elapsed time
    const t1 = performance.now();
    const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, performance.now() - t1];
    const [[fagCounts, fagMs], [oekCounts, oekMs]] = await Promise.all([timed(seedFagsystem(fag, m.fagsystem)), timed(seedOekonomi(oek, m.oekonomi))]);
    const total = performance.now() - t1;
    process.stdout.write(
      `fagsystem (${describeTarget(fagTarget)}) loaded in ${(fagMs / 1000).toFixed(1)} s, size ${await databaseSize(fag)}\n${formatCounts(fagCounts)}\n` +
        `oekonomi (${describeTarget(oekTarget)}) loaded in ${(oekMs / 1000).toFixed(1)} s, size ${await databaseSize(oek)}\n${formatCounts(oekCounts)}\n` +
        `total load ${(total / 1000).toFixed(1)} s (both databases in parallel)\n`,
    );
  } finally {
    await fag.destroy();
    await oek.destroy();
  }
});
