import type { Knex } from 'knex';
import { ADVISORY_LOCKS } from '../../store/advisory-locks';
import type { KoerselInfo } from './types';

/**
 * Reads of the run log (`afstemning_koersel`). A run still marked KOERER whose lease ran out (its
 * heartbeat stopped: the process died, or it lost the store) is reported as failed — a run that died
 * never stays "running" (issue 13 point 6). The lease is judged by the store's clock, not this process's.
 */
const LEASE_EXPIRED = "status = 'KOERER' and (lease_til is null or lease_til < now())";
const STOPPED = 'stopped without finishing: its heartbeat stopped (the process died or lost its connection to the store)';

export function toKoersel(r: Record<string, unknown>): KoerselInfo {
  const ts = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  const dead = r.udloebet === true;
  return {
    koerselId: Number(r.koersel_id),
    type: r.type as KoerselInfo['type'],
    udloeser: r.udloeser as KoerselInfo['udloeser'],
    startet: ts(r.startet)!,
    afsluttet: dead ? ts(r.lease_til) : ts(r.afsluttet),
    status: dead ? 'FEJL' : (r.status as KoerselInfo['status']),
    posteringerTil: (r.posteringer_til as string | null) ?? null,
    antalPosteringer: Number(r.antal_posteringer),
    antalIndsatser: Number(r.antal_indsatser),
    antalMatchet: Number(r.antal_matchet),
    antalForsvundne: Number(r.antal_forsvundne),
    varighedMs: r.varighed_ms === null ? null : Number(r.varighed_ms),
    fejl: dead ? STOPPED : ((r.fejl as string | null) ?? null),
    partitionerIAlt: r.partitioner_i_alt === null || r.partitioner_i_alt === undefined ? null : Number(r.partitioner_i_alt),
    partitionerFaerdige: r.partitioner_i_alt === null || r.partitioner_i_alt === undefined ? null : Number(r.partitioner_faerdige),
  };
}

const withLease = (db: Knex) => db('afstemning_koersel').select('*', db.raw(`(${LEASE_EXPIRED}) as udloebet`));

export async function readKoersel(db: Knex, id: number): Promise<KoerselInfo | null> {
  const r = await withLease(db).where({ koersel_id: id }).first();
  return r ? toKoersel(r) : null;
}

export async function listKoersler(db: Knex, limit: number): Promise<KoerselInfo[]> {
  const rows = await withLease(db).orderBy('koersel_id', 'desc').limit(limit);
  return rows.map(toKoersel);
}

/**
 * Whether a run is going on (on any replica): some session holds the reconciliation lock, or a run marked
 * KOERER still has a live lease (one that lost its lock is still running until it notices). Advisory
 * locks belong to a database, but pg_locks lists the whole server's: only this store's database counts.
 */
export async function isRunning(db: Knex): Promise<boolean> {
  const r = await db.raw(
    `select exists (select 1 from pg_locks where locktype = 'advisory' and granted and classid = 0 and objid = ? and objsubid = 1
                      and database = (select oid from pg_database where datname = current_database()))
         or exists (select 1 from afstemning_koersel where status = 'KOERER' and lease_til >= now()) as koerer`,
    [ADVISORY_LOCKS.reconciliation],
  );
  return ((r as { rows?: Array<{ koerer: boolean }> }).rows ?? [])[0]?.koerer === true;
}
