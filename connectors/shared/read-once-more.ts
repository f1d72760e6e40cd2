/**
 * A read that met a database connection the server had just ended — `pg_terminate_backend` (57P01), an
 * administrator shutdown or crash recovery (57P02/57P03), a dropped socket — is asked once more: the pool
 * has discarded the dead connection, so the second try gets a fresh one. Only for idempotent reads (a
 * statement that was cut off did not commit, but a write's retry could still land twice); a second
 * failure is the caller's to report.
 */
const ENDED_SQLSTATE = /^(57P0[1-3]|08003|08006)$/;
const ENDED_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

export function connectionEnded(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && (ENDED_SQLSTATE.test(err.code) || ENDED_SOCKET.has(err.code))) return true;
    if (typeof err.message === 'string' && /Connection terminated/i.test(err.message)) return true;
    cur = err.cause;
  }
  return false;
}

export async function readOnceMore<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!connectionEnded(e)) throw e;
    return read();
  }
}
