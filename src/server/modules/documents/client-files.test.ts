import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { messagingWorld, multipartBody, sampleFiles, type TestFile } from '../../../../test/helpers/messages.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { ClientDocuments } from '../../../shared/schemas/documents.js';
import type { PortalDocumentList } from '../../../shared/schemas/portal-documents.js';
import { sha256Hex } from './documents.signed-content.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function upload(agent: Agent, clientId: string, files: TestFile[], extra?: Record<string, string>) {
  const { payload, contentType } = await multipartBody({ files, extra, fileField: 'file' });
  return agent.request('POST', `/api/clients/${clientId}/files`, payload, { headers: { 'content-type': contentType } });
}

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of t.deps.files.list()) keys.push(entry.key);
  return keys;
}

describe('a file the practice shares with a client', () => {
  it('is checked by its content, stored with its hash, audited, emailed about without contents, and downloaded in the portal', async () => {
    const w = await messagingWorld(t);
    const pdf = sampleFiles.pdf();
    const response = await upload(w.staff, w.client.id, [{ name: 'Sleep hygiene handout.pdf', data: pdf }]);
    expect(response.statusCode, response.body).toBe(201);
    const tab = response.json<ClientDocuments>();
    expect(tab.files).toEqual([
      expect.objectContaining({
        fileName: 'Sleep hygiene handout.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        firstDownloadedAt: null,
      }),
    ]);
    const id = tab.files[0]?.id ?? '';
    const row = await t.deps.db.selectFrom('client_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(sha256Hex(pdf));
    expect(row.storage_key).toBe(`${w.practice.id}/documents/${id}`);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'client_id'])
      .where('action', '=', 'client_file.shared')
      .execute();
    expect(audit).toEqual([{ action: 'client_file.shared', client_id: w.client.id }]);
    const emails = await t.deps.db
      .selectFrom('outbox')
      .select(['subject', 'text'])
      .where('kind', '=', 'client_file_shared')
      .execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain('shared a file for you');
    expect(`${emails[0]?.subject} ${emails[0]?.text}`).not.toMatch(/Sleep|handout|\.pdf/i);

    const list = (await w.clientAgent.get(`/api/portal/${w.practice.slug}/documents`)).json<PortalDocumentList>();
    expect(list.files).toEqual([expect.objectContaining({ id, fileName: 'Sleep hygiene handout.pdf' })]);
    const download = await w.clientAgent.get(`/api/portal/${w.practice.slug}/client-files/${id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const after = (await w.staff.get(`/api/clients/${w.client.id}/documents`)).json<ClientDocuments>();
    expect(after.files[0]?.firstDownloadedAt).not.toBeNull();
  });

  it('refuses what is not a PDF or image, a name that lies about the type, and anything but one file, storing nothing', async () => {
    const w = await messagingWorld(t);
    const refusals: [TestFile[], Record<string, string> | undefined, string][] = [
      [[{ name: 'notes.txt', data: sampleFiles.text() }], undefined, 'must be a PDF, PNG, JPEG or HEIC file'],
      [[{ name: 'setup.pdf', data: sampleFiles.exe(), type: 'application/pdf' }], undefined, 'must be a PDF'],
      [[{ name: 'photo.png', data: sampleFiles.pdf() }], undefined, 'is a PDF but its name ends in .png'],
      [[], undefined, 'is required'],
      [
        [
          { name: 'a.pdf', data: sampleFiles.pdf() },
          { name: 'b.png', data: sampleFiles.png() },
        ],
        undefined,
        'must be one file alone',
      ],
      [[{ name: 'a.pdf', data: sampleFiles.pdf() }], { note: 'hi' }, 'must be one file alone'],
    ];
    for (const [files, extra, message] of refusals) {
      const response = await upload(w.staff, w.client.id, files, extra);
      expect(response.statusCode, response.body).toBe(400);
      const fields = response.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
      expect(fields.map((f) => f.message).join(' | ')).toContain(message);
    }
    expect(await t.deps.db.selectFrom('client_files').selectAll().execute()).toEqual([]);
    expect(await storedKeys()).toEqual([]);
  });

  it('refuses a file over 10 MB and keeps none of it', async () => {
    const w = await messagingWorld(t);
    const big = Buffer.concat([sampleFiles.pdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const response = await upload(w.staff, w.client.id, [{ name: 'big.pdf', data: big }]);
    expect(response.statusCode, response.body).toBe(413);
    expect(response.body).toContain('must be at most 10 MB');
    expect(await storedKeys()).toEqual([]);
  });

  it('does not email a client without portal access, who sees the file once they have access', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    const response = await upload(owner, client.id, [{ name: 'worksheet.png', data: sampleFiles.png() }]);
    expect(response.statusCode, response.body).toBe(201);
    expect(await t.deps.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'client_file.shared')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ emailed: false, contentType: 'image/png' });
  });

  it('is taken back with Remove: it leaves the portal, and a second removal is not found', async () => {
    const w = await messagingWorld(t);
    const tab = (
      await upload(w.staff, w.client.id, [{ name: 'handout.pdf', data: sampleFiles.pdf() }])
    ).json<ClientDocuments>();
    const id = tab.files[0]?.id ?? '';
    const removed = await w.staff.post(`/api/clients/${w.client.id}/files/${id}/remove`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<ClientDocuments>().files).toEqual([]);
    const list = (await w.clientAgent.get(`/api/portal/${w.practice.slug}/documents`)).json<PortalDocumentList>();
    expect(list.files).toEqual([]);
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/client-files/${id}`)).statusCode).toBe(404);
    expect((await w.staff.post(`/api/clients/${w.client.id}/files/${id}/remove`)).statusCode).toBe(404);
    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'client_file.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['client_file.removed', 'client_file.shared']);
  });

  it('is refused for a client of another practice or not assigned to the clinician, and for an archived client', async () => {
    const w = await messagingWorld(t);
    const stranger = await createPractice(t.deps);
    const strangerClient = await createClient(t.deps, stranger.id);
    const file = [{ name: 'handout.pdf', data: sampleFiles.pdf() }];
    expect((await upload(w.staff, strangerClient.id, file)).statusCode).toBe(404);
    const clinician = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    const clinicianAgent = await signInAs(t.app, clinician.email);
    expect((await upload(clinicianAgent, w.client.id, file)).statusCode).toBe(404);
    await t.deps.db
      .updateTable('clients')
      .set({ archived_at: t.deps.clock.now().toISOString() })
      .where('id', '=', w.client.id)
      .execute();
    expect((await upload(w.staff, w.client.id, file)).statusCode).toBe(409);
    expect(await t.deps.db.selectFrom('client_files').selectAll().execute()).toEqual([]);
    expect(await storedKeys()).toEqual([]);
  });
});
