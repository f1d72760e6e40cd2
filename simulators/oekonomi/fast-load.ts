import type { Knex } from 'knex';
import { dialectOf } from './bulk-insert';

/**
 * Runs a bulk load in one transaction. On PostgreSQL and PGlite, when the role may, foreign-key triggers
 * are switched off for the transaction (`SET LOCAL session_replication_role = replica`, as pg_restore
 * --disable-triggers does): per-row FK checks are the largest cost of loading (measured 2–3× on the
 * postings). Integrity is not given up: afterwards every foreign key of the loaded tables is verified
 * with one anti-join each, and the load fails (and rolls back) naming the constraint if a row has no parent.
 * Secondary indexes are dropped for the load and rebuilt after it, in the same transaction. Every loader of
 * source data goes through here, so the loaded tables are ANALYZEd at the end: fresh tables have no planner
 * statistics, and without them PostgreSQL mis-plans (and JIT-compiles) the gateway's batch queries — a real
 * source database has statistics, so a seeded one must too (autovacuum may be off or not have run yet).
 */
export async function fastLoad(db: Knex, tables: readonly string[], load: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
  const dialect = dialectOf(db);
  await db.transaction(async (trx) => {
    const postgres = dialect !== 'mssql';
    const relaxed = postgres && (await isSuperuser(trx));
    if (relaxed) await trx.raw('set local session_replication_role = replica');
    const recreate = postgres ? await deferIndexes(trx, tables) : [];
    await load(trx);
    for (const ddl of recreate) await trx.raw(ddl);
    if (relaxed) {
      await trx.raw('set local session_replication_role = origin');
      await verifyForeignKeys(trx, tables);
    }
    if (postgres) await trx.raw(`analyze ${tables.map((t) => `"${t}"`).join(', ')}`);
  });
}

/**
 * Drops the plain (non-constraint) indexes of the tables and returns their CREATE INDEX statements:
 * building an index once after the load is about twice as fast as maintaining it row by row (measured on
 * the postings). Primary keys and unique constraints stay, so duplicates still fail the load.
 */
async function deferIndexes(trx: Knex.Transaction, tables: readonly string[]): Promise<string[]> {
  const r = await trx.raw<{ rows: { indexname: string; indexdef: string }[] }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any(?)
       and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
     order by i.indexname`,
    [tables as unknown as Knex.RawBinding],
  );
  for (const ix of r.rows) await trx.raw(`drop index "${ix.indexname}"`);
  return r.rows.map((ix) => ix.indexdef);
}

async function isSuperuser(trx: Knex.Transaction): Promise<boolean> {
  const r = await trx.raw<{ rows: { is_superuser: string }[] }>(`select current_setting('is_superuser') as is_superuser`);
  return r.rows[0]?.is_superuser === 'on';
}

interface ForeignKey {
  conname: string;
  child: string;
  parent: string;
  child_cols: string;
  parent_cols: string;
}

export async function verifyForeignKeys(trx: Knex | Knex.Transaction, tables: readonly string[]): Promise<void> {
  const fks = await trx.raw<{ rows: ForeignKey[] }>(
    `select c.conname, cl.relname as child, pl.relname as parent,
       (select string_agg(a.attname::text, ',' order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as child_cols,
       (select string_agg(a.attname::text, ',' order by k.ord) from unnest(c.confkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as parent_cols
     from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_class pl on pl.oid = c.confrelid
     where c.contype = 'f' and cl.relnamespace = current_schema()::regnamespace and cl.relname = any(?)
     order by c.conname`,
    [tables as unknown as Knex.RawBinding],
  );
  for (const fk of fks.rows) {
    const cc = fk.child_cols.split(',');
    const pc = fk.parent_cols.split(',');
    const notNull = cc.map((c) => `ch."${c}" is not null`).join(' and ');
    const join = cc.map((c, i) => `p."${pc[i]}" = ch."${c}"`).join(' and ');
    const r = await trx.raw<{ rows: { n: number | string }[] }>(
      `select count(*) as n from "${fk.child}" ch where ${notNull} and not exists (select 1 from "${fk.parent}" p where ${join})`,
    );
    const n = Number(r.rows[0]?.n ?? 0);
    if (n > 0) throw new Error(`foreign key ${fk.conname}: ${n} row(s) of ${fk.child} have no ${fk.parent}`);
  }
}
