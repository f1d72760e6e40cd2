import type { Knex } from 'knex';
import type { BudgetkorrektionRow, BudgetRow, KontoRow, KontraktRow, KreditorRow, OekonomiData, PosteringRow } from '../model';
import { columnsOf } from '../../connectors/shared/columns-of';
import { createOekonomiSchema, dropOekonomiSchema } from './schema';
import { bulkInsert } from './bulk-insert';
import { fastLoad } from './fast-load';

/**
 * Loads the economy system: drops and recreates its schema, then inserts every row in foreign-key order
 * inside one transaction (see fast-load.ts). Runs on PostgreSQL, PGlite and SQL Server (see bulk-insert.ts for how each is fed).
 */
export const OEKONOMI_COLUMNS = {
  konto: columnsOf<KontoRow>()(['konto', 'tekst']),
  kreditor: columnsOf<KreditorRow>()(['kreditor_nr', 'navn', 'cvr', 'ean', 'adresse', 'postnummer', 'bynavn']),
  kontrakt: columnsOf<KontraktRow>()(['kontrakt_nr', 'kreditor_nr', 'cpr', 'konto', 'beloeb_pr_maaned', 'gyldig_fra', 'gyldig_til', 'sagsreference']),
  postering: columnsOf<PosteringRow>()([
    'postering_id',
    'bilagsnr',
    'bilagsdato',
    'konto',
    'art',
    'kreditor_nr',
    'beloeb',
    'periode_fra',
    'periode_til',
    'cpr',
    'tekst',
    'integrations_id',
    'registreret',
  ]),
  budget: columnsOf<BudgetRow>()(['konto', 'aar', 'beloeb']),
  budget_korrektion: columnsOf<BudgetkorrektionRow>()(['korrektion_nr', 'konto', 'aar', 'dato', 'art', 'beloeb', 'tekst']),
} as const;

/** Table → rows, parents before children. */
export function oekonomiTables(data: OekonomiData): [keyof typeof OEKONOMI_COLUMNS, readonly object[]][] {
  return [
    ['konto', data.konti],
    ['kreditor', data.kreditorer],
    ['kontrakt', data.kontrakter],
    ['postering', data.posteringer],
    ['budget', data.budgetter],
    ['budget_korrektion', data.budgetkorrektioner],
  ];
}

export async function seedOekonomi(db: Knex, data: OekonomiData): Promise<Record<string, number>> {
  await dropOekonomiSchema(db);
  await createOekonomiSchema(db);
  const counts: Record<string, number> = {};
  const tables = oekonomiTables(data);
  await fastLoad(
    db,
    tables.map(([t]) => t),
    async (trx) => {
      for (const [table, rows] of tables) {
        await bulkInsert(trx, table, OEKONOMI_COLUMNS[table], rows);
        counts[table] = rows.length;
      }
    },
  );
  return counts;
}
