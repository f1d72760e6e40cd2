import type { Migration } from '../migrate';
import * as reconciliation from './001-reconciliation';
import * as manualDecisions from './002-manual-decisions';
import * as reconciliationFencing from './003-reconciliation-fencing';

/** Append only: a migration that has shipped is never edited, a change is a new migration. */
export const MIGRATIONS: Migration[] = [
  { name: '001-reconciliation', up: reconciliation.up },
  { name: '002-manual-decisions', up: manualDecisions.up },
  { name: '003-reconciliation-fencing', up: reconciliationFencing.up },
];
