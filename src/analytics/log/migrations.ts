import type { Migration } from '../../store/migrate';
import * as analyseLog from './migration';

/** The analytics side's own migrations, applied after the access log's (it references its employee table). */
export const ANALYSE_MIGRATIONS: Migration[] = [{ name: '200-analyse-access-log', up: analyseLog.up }];
