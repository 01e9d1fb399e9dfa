import type { InsertObject, Kysely } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { Database } from '../db/schema.js';

/**
 * The most bind variables one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766
 * since 3.32) and PostgreSQL's 16-bit parameter count (65535).
 */
const maxVariables: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };

/** Rows per statement: the requested size, shrunk when the table is wide enough to hit the limit. */
export function rowsPerStatement(dialect: Dialect, columns: number, requested: number): number {
  return Math.max(1, Math.min(requested, Math.floor(maxVariables[dialect] / columns)));
}

/**
 * Inserts rows with multi-row INSERT statements. One statement per row costs a round trip (and on
 * SQLite a statement preparation) each; a few hundred rows per statement is ~50× faster.
 * Callers pass a transaction so the batches commit once.
 */
export async function insertInBatches<T extends keyof Database>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  rows: readonly InsertObject<Database, T>[],
  requestedRows = 500,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const size = rowsPerStatement(dialect, Object.keys(first).length, requestedRows);
  for (let start = 0; start < rows.length; start += size) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size))
      .execute();
  }
}
