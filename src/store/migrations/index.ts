import type { Migration } from '../migrate';
import * as reconciliation from './001-reconciliation';
import * as manualDecisions from './002-manual-decisions';
import * as reconciliationFencing from './003-reconciliation-fencing';
import * as matchEvidens from './004-match-evidens';
import * as reconciliationPartitions from './005-reconciliation-partitions';
import * as indsatsMaanedBorger from './006-indsats-maaned-borger';

/** Append only: a migration that has shipped is never edited, a change is a new migration. */
export const MIGRATIONS: Migration[] = [
  { name: '001-reconciliation', up: reconciliation.up },
  { name: '002-manual-decisions', up: manualDecisions.up },
  { name: '003-reconciliation-fencing', up: reconciliationFencing.up },
  { name: '004-match-evidens', up: matchEvidens.up },
  { name: '005-reconciliation-partitions', up: reconciliationPartitions.up },
  { name: '006-indsats-maaned-borger', up: indsatsMaanedBorger.up },
];
