import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { sampleFiles } from '../../../../test/helpers/messages.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { newId } from '../../platform/tokens.js';
import { migrateTo, migrateToLatest } from '../migrate.js';
import { sql } from 'kysely';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function keysInStore(): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of t.deps.files.list()) keys.push(file.key);
  return keys.sort();
}

describe('migration 018 (logo storage keys)', () => {
  it('keeps serving a logo stored under the key logos had before, until it is replaced under the new shape', async () => {
    const practice = await createPractice(t.deps);
    const without = await createPractice(t.deps);
    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '015-team-memberships', schema);
    // A logo as the server stored it before: its key made from the practice and logo ids.
    const logoId = newId();
    const oldKey = `practice-logos/${practice.id}/${logoId}`;
    await t.deps.files.put(oldKey, sampleFiles.png(), { contentType: 'image/png' });
    await sql`update practices set logo_id = ${logoId}, logo_content_type = 'image/png' where id = ${practice.id}`.execute(
      t.deps.db,
    );

    await migrateToLatest(t.deps.db, schema);

    const rows = await t.deps.db
      .selectFrom('practices')
      .select(['id', 'logo_storage_key'])
      .where('id', 'in', [practice.id, without.id])
      .execute();
    expect(Object.fromEntries(rows.map((row) => [row.id, row.logo_storage_key]))).toEqual({
      [practice.id]: oldKey,
      [without.id]: null,
    });
    const served = await t.app.inject({ method: 'GET', url: `/api/practice-logos/${practice.id}/${logoId}` });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(sampleFiles.png())).toBe(true);

    // Replaced: the new file is keyed <practice>/logos/<logo id>, and the old one is gone.
    const owner = await signInAs(t.app, practice.owner.email);
    const form = new FormData();
    form.append('logo', new Blob([new Uint8Array(sampleFiles.jpeg())], { type: 'image/jpeg' }), 'logo.jpg');
    const request = new Request('http://portico.test/', { method: 'PUT', body: form });
    const replaced = await owner.request(
      'PUT',
      '/api/settings/practice/logo',
      Buffer.from(await request.arrayBuffer()),
      {
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
      },
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    const newLogoId = replaced.json<{ logoUrl: string }>().logoUrl.split('/').at(-1) ?? '';
    expect(await keysInStore()).toEqual([`${practice.id}/logos/${newLogoId}`]);
    const row = await t.deps.db
      .selectFrom('practices')
      .select('logo_storage_key')
      .where('id', '=', practice.id)
      .executeTakeFirst();
    expect(row?.logo_storage_key).toBe(`${practice.id}/logos/${newLogoId}`);
  });
});
