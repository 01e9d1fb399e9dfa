import { sql } from 'kysely';
import type { AppDeps } from '../../src/server/deps.js';

export interface OwnTable {
  name: string;
  columns: string[];
}

/**
 * The tables of this test's own database. On PostgreSQL each test has a schema of its own in a
 * database other runs share: Kysely's introspection lists every schema's tables (including tables
 * another branch's migrations made, which do not exist here) and fails when another run drops its
 * schema meanwhile, so only the tables of the current schema are read.
 */
export async function ownTables(deps: Pick<AppDeps, 'db' | 'dialect'>): Promise<OwnTable[]> {
  if (deps.dialect === 'postgres') {
    const result = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(deps.db);
    const byName = new Map<string, string[]>();
    for (const row of result.rows) byName.set(row.table_name, [...(byName.get(row.table_name) ?? []), row.column_name]);
    return [...byName].map(([name, columns]) => ({ name, columns }));
  }
  const tables = await deps.db.introspection.getTables();
  return tables.map((table) => ({ name: table.name, columns: table.columns.map((c) => c.name) }));
}
