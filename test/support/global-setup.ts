import { postgresReachable, POSTGRES_ADMIN_URL } from './postgres';
import { redisReachable, REDIS_URL } from './redis';

/**
 * The suites talk to the real PostgreSQL and Redis of this machine. If either is down the run fails with
 * a line saying how to start it — it never skips silently (CI=true or not). TEST_REAL_SERVICES=off is the
 * one explicit, loudly reported way to run only what needs no server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_REAL_SERVICES === 'off') {
    if (process.env.CI === 'true') throw new Error('TEST_REAL_SERVICES=off is not allowed when CI=true');
    console.warn('\n*** TEST_REAL_SERVICES=off: suites that need PostgreSQL or Redis will FAIL, not pass ***\n');
    return;
  }
  const missing: string[] = [];
  if (!(await postgresReachable())) {
    missing.push(`PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)`);
  }
  if (!(await redisReachable())) {
    missing.push(`Redis at ${REDIS_URL} (start it: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no)`);
  }
  if (missing.length) throw new Error(`test services unreachable: ${missing.join('; ')}`);
}
