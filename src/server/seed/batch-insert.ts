import { sql, type InsertObject, type Kysely } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { Database } from '../db/schema.js';

/**
 * The most bind variables one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766
 * since 3.32) and PostgreSQL's 16-bit parameter count (65535).
 */
const maxVariables: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };

/** Rows per statement when the caller does not say: multi-row VALUES on SQLite, arrays on PostgreSQL. */
const defaultRows: Record<Dialect, number> = { sqlite: 500, postgres: 5_000 };

/** Rows per statement: the requested size, shrunk when the table is wide enough to hit the limit. */
export function rowsPerStatement(dialect: Dialect, columns: number, requested: number): number {
  return Math.max(1, Math.min(requested, Math.floor(maxVariables[dialect] / columns)));
}

/**
 * Inserts rows in large statements. One statement per row costs a round trip (and on SQLite a
 * statement preparation) each; a few hundred rows per statement is ~50× faster. On SQLite that is
 * a multi-row INSERT … VALUES. On PostgreSQL each column goes as one array parameter and the rows
 * are `INSERT … SELECT * FROM unnest($1::text[], $2::integer[], …)`: a fixed number of parameters
 * however many rows, so thousands per statement, and no SQL text to build and parse per row.
 * (COPY would be faster still, but node-postgres needs the pg-copy-streams package for it.)
 * Callers pass a transaction so the batches commit once.
 */
export async function insertInBatches<T extends keyof Database>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  rows: readonly InsertObject<Database, T>[],
  requestedRows?: number,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  if (dialect === 'postgres') {
    await insertWithArrays(db, table, rows, requestedRows ?? defaultRows.postgres);
    return;
  }
  const size = rowsPerStatement(dialect, Object.keys(first).length, requestedRows ?? defaultRows[dialect]);
  for (let start = 0; start < rows.length; start += size) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size))
      .execute();
  }
}

/** Column types of the tables, from the catalogue, per connection pool: the arrays are cast to them. */
const columnTypes = new WeakMap<Kysely<Database>, Map<string, Map<string, string>>>();

async function typesOf(db: Kysely<Database>, table: string): Promise<Map<string, string>> {
  let tables = columnTypes.get(db);
  if (!tables) {
    tables = new Map();
    columnTypes.set(db, tables);
  }
  let types = tables.get(table);
  if (!types) {
    // The table the search_path finds, as the INSERT will.
    const { rows } = await sql<{ column_name: string; data_type: string }>`
      select attname as column_name, format_type(atttypid, atttypmod) as data_type
      from pg_attribute
      where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db);
    types = new Map(rows.map((row) => [row.column_name, row.data_type]));
    tables.set(table, types);
  }
  return types;
}

async function insertWithArrays<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly InsertObject<Database, T>[],
  size: number,
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  const types = await typesOf(db, table);
  const casts = columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table}.${column}: no such column`);
    return type;
  });
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size) as readonly Record<string, unknown>[];
    const arrays = columns.map((column, index) =>
      sql`${batch.map((row) => row[column] ?? null)}::${sql.raw(casts[index] ?? 'text')}[]`,
    );
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
      select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}
