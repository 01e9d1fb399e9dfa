import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The data-layer rules of docs/architecture.md that a lint rule cannot see: only query files
 * touch Kysely, and every query a session can scope takes the Scope first (decision 014).
 */

const modulesDir = path.resolve(import.meta.dirname, '../src/server/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Files whose job is SQL: queries taking a Scope, and the few a session cannot scope. */
const queryFile = /\.(queries|search-queries|search-rows|counts|unscoped)\.ts$/;
const scopedQueryFile = /\.(queries|search-queries|search-rows|counts)\.ts$/;
const kyselyBuilder = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/;
/** Pure helpers that live beside their queries and touch no database. */
const pureHelpers = new Set(['searchTerms', 'parseCursor', 'defaultPortalSettings']);

describe('the data layer', () => {
  const files = sourceFiles(modulesDir);

  it('runs SQL only in query files', () => {
    const elsewhere = files.filter((file) => !queryFile.test(file) && kyselyBuilder.test(readFileSync(file, 'utf8')));
    expect(elsewhere.map((file) => path.relative(modulesDir, file))).toEqual([]);
  });

  it('gives every exported query of a scoped query file the Scope (or a context) first', () => {
    const unscoped: string[] = [];
    for (const file of files.filter((f) => scopedQueryFile.test(f))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/export (?:async )?function (\w+)(?:<[^>]*>)?\(\s*([^)]*)/g)) {
        const [, name = '', params = ''] = match;
        if (params.trim() === '' || pureHelpers.has(name)) continue;
        const first = params.split(',')[0]?.trim() ?? '';
        const takesData = /:\s*(Db|Kysely|Transaction)\b/.test(params);
        if (takesData || !/^(scope|tx|ctx)\s*:/.test(first))
          unscoped.push(`${path.relative(modulesDir, file)}: ${name}(${first})`);
      }
    }
    expect(unscoped).toEqual([]);
  });
});
