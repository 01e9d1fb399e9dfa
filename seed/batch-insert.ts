import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, type InsertObject, type Kysely } from 'kysely';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { Dialect } from '../src/server/db/database.js';
import type { Database } from '../src/server/db/schema.js';

/** SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32): the most bind variables one statement may carry. */
const maxVariables = 32_766;

/** Rows per multi-row INSERT on SQLite when the caller does not say. */
const defaultRows = 500;

/** Rows per statement: the requested size, shrunk when the table is wide enough to hit SQLite's variable limit. */
export function rowsPerStatement(columns: number, requested: number): number {
  return Math.max(1, Math.min(requested, Math.floor(maxVariables / columns)));
}

/**
 * Inserts rows in bulk. One statement per row costs a round trip (and on SQLite a statement
 * preparation) each; a few hundred rows per statement is ~50× faster. On SQLite that is a
 * multi-row INSERT … VALUES of `requestedRows` rows. On PostgreSQL all the rows stream in through
 * one `COPY … FROM STDIN` (text format, via pg-copy-streams): no SQL to parse, no parameters, and
 * the server loads them as a file; `requestedRows` does not apply. A column missing from a row
 * (or undefined) goes in as NULL, not as the column's default.
 * Callers pass a transaction so the rows commit once, COPY included.
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
    const copy = (on: Kysely<Database>): Promise<void> => copyRows(on, table, rows);
    // Outside a transaction, one pooled connection is held until the COPY has finished.
    await (db.isTransaction ? copy(db) : db.connection().execute(copy));
    return;
  }
  const size = rowsPerStatement(Object.keys(first).length, requestedRows ?? defaultRows);
  for (let start = 0; start < rows.length; start += size) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size))
      .execute();
  }
}

/**
 * Streams the rows into `table` with COPY FROM STDIN on the connection `db` runs on (the
 * transaction's). Kysely does not hand out its pg client; but its PostgreSQL connection passes a
 * compiled query's `sql` to node-postgres' `client.query` as it is, and node-postgres runs any
 * object with a `submit` method there (its Submittable interface, which pg-copy-streams and
 * pg-cursor are built on) in turn with the connection's other queries. So the COPY goes in as a
 * "compiled query" whose sql is the copy stream (batch-insert.test.ts runs it on PostgreSQL). Should
 * Kysely ever stop passing it through, the COPY is not submitted and this throws rather than waits.
 */
async function copyRows(db: Kysely<Database>, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const columns = columnsOf(rows);
  const stream: CopyStreamQuery = copyFrom(
    `copy ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) from stdin`,
  );
  let submitted = false;
  const submit = stream.submit.bind(stream);
  stream.submit = (connection) => {
    submitted = true;
    submit(connection);
  };
  await db.executeQuery({ ...CompiledQuery.raw(stream.text), sql: stream as unknown as string });
  if (!submitted) {
    stream.destroy();
    throw new Error(
      `COPY into ${table} was not sent: the PostgreSQL driver no longer hands queries to node-postgres as they are`,
    );
  }
  await pipeline(Readable.from(copyText(rows, columns)), stream);
  if (stream.rowCount !== rows.length)
    throw new Error(`COPY into ${table} loaded ${stream.rowCount} of ${rows.length} rows`);
}

/** Every column any row names, in the order they first appear. */
function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) columns.add(name);
  return [...columns];
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Lines of COPY text, in chunks of about 64 KiB: tab between values, newline after each row. */
function* copyText(rows: readonly Record<string, unknown>[], columns: readonly string[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (const [index, column] of columns.entries()) {
      if (index > 0) line += '\t';
      line += copyValue(row[column]);
    }
    chunk += line + '\n';
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const needsEscape = /[\\\n\r\t]/;
const specialCharacters = /[\\\n\r\t]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One value in COPY's text format: NULL is \N; in text, a backslash and the characters that
 * separate values and rows (tab, newline, carriage return) are backslash escapes, so a text
 * that reads "\N" stays text. Everything else, unicode included, goes as it is (UTF-8 on the
 * wire, node-postgres' client_encoding). Numbers and booleans go as PostgreSQL reads them; dates
 * as ISO 8601 in UTC.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string')
    return needsEscape.test(value) ? value.replace(specialCharacters, (c) => escapes[c] ?? c) : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`COPY: ${value} is not a number PostgreSQL can store here`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`COPY: cannot write a ${typeof value} value as text`);
}
