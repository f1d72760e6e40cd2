import type { Migration } from '../../store/migrate';
import * as accessLog from './migration';

/** The access log's own migrations, applied with the store's (names are global and never reused). */
export const ACCESS_LOG_MIGRATIONS: Migration[] = [{ name: '100-access-log', up: accessLog.up }];
