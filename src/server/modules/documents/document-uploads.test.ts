import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { createSharedDocument, formWithFiles } from '../../../../test/factories/shared-documents.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { messagingWorld, multipartBody, sampleFiles, type TestFile } from '../../../../test/helpers/messages.js';
import { readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { FileAnswer } from '../../../shared/schemas/document-templates.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { CompletedDocument, PortalDocument, QuestionFileSaved } from '../../../shared/schemas/portal-documents.js';
import { findReferencedDocumentKeys } from './document-files.unscoped.js';
import {
  sha256Hex,
  signedContentFormat,
  signedContentSha256,
  type JsonValue,
  type SignedContent,
} from './documents.signed-content.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A photo of an insurance card: a real PNG header and some bulk, so the size prints in KB. */
const cardPng = (): Buffer => Buffer.concat([sampleFiles.png(), Buffer.alloc(3_000, 7)]);
const typedSignature = { method: 'typed', signerName: 'Ada Lovelace', consentToSign: true };

async function world() {
  const w = await messagingWorld(t);
  const document = await createSharedDocument(t.deps, w.practice.id, w.client.id, {
    content: formWithFiles,
    name: 'New client forms',
  });
  const item = `/api/portal/${w.practice.slug}/documents/${document.id}`;
  const upload = async (questionId: string, files: TestFile[], agent: Agent = w.clientAgent, at = item) => {
    const { payload, contentType } = await multipartBody({ files, fileField: 'file' });
    return agent.request('PUT', `${at}/questions/${questionId}/file`, payload, {
      headers: { 'content-type': contentType },
    });
  };
  const staffBase = `/api/clients/${w.client.id}/documents/${document.id}`;
  return { ...w, document, item, upload, staffBase };
}

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of t.deps.files.list()) keys.push(entry.key);
  return keys.sort();
}

async function fileRows() {
  return t.deps.db.selectFrom('shared_document_files').selectAll().execute();
}

async function actions(prefix: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'details'])
    .where('action', 'like', `${prefix}%`)
    .execute();
  // Ids are random: in a stable order for comparing.
  return rows.sort((a, b) => `${a.action} ${a.actor_type}`.localeCompare(`${b.action} ${b.actor_type}`));
}

describe('a client attaching a file to a file question', () => {
  it('stores it by the attachment rules, names it in the draft with its hash, audit-logs it and lets the client download it', async () => {
    const w = await world();
    const png = cardPng();
    const response = await w.upload('card', [{ name: 'Insurance card.png', data: png }]);
    expect(response.statusCode, response.body).toBe(200);
    const saved = response.json<QuestionFileSaved>();
    expect(saved).toMatchObject({
      questionId: 'card',
      status: 'in_progress',
      answer: {
        fileName: 'Insurance card.png',
        contentType: 'image/png',
        sizeBytes: png.length,
        sha256: sha256Hex(png),
      },
    });
    const fileId = saved.answer?.fileId ?? '';
    expect(await fileRows()).toEqual([
      expect.objectContaining({
        id: fileId,
        client_id: w.client.id,
        shared_document_id: w.document.id,
        question_id: 'card',
        storage_key: `${w.practice.id}/documents/${fileId}`,
        sha256: sha256Hex(png),
      }),
    ]);
    const opened = (await w.clientAgent.get(w.item)).json<PortalDocument>();
    expect(opened).toMatchObject({ status: 'in_progress', answers: { card: saved.answer } });

    const download = await w.clientAgent.get(`${w.item}/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await actions('document.file_')).map((a) => [a.action, a.actor_type])).toEqual([
      ['document.file_downloaded', 'client'],
      ['document.file_uploaded', 'client'],
    ]);
    // The sweep of unreferenced files keeps it.
    expect([...(await findReferencedDocumentKeys(t.deps.db, [`${w.practice.id}/documents/${fileId}`]))]).toHaveLength(
      1,
    );
  });

  it('replaces the file, then removes it, deleting each stored file it no longer names', async () => {
    const w = await world();
    const first = (await w.upload('card', [{ name: 'front.png', data: cardPng() }])).json<QuestionFileSaved>();
    const second = await w.upload('card', [{ name: 'both sides.pdf', data: sampleFiles.pdf() }]);
    expect(second.statusCode, second.body).toBe(200);
    const replaced = second.json<QuestionFileSaved>();
    expect(replaced.answer).toMatchObject({ fileName: 'both sides.pdf', contentType: 'application/pdf' });
    expect((await fileRows()).map((r) => r.id)).toEqual([replaced.answer?.fileId]);
    expect(await storedKeys()).toEqual([`${w.practice.id}/documents/${replaced.answer?.fileId}`]);
    expect((await w.clientAgent.get(`${w.item}/files/${first.answer?.fileId}`)).statusCode).toBe(404);
    const uploaded = (await actions('document.file_uploaded')).map((a) => JSON.parse(a.details ?? '{}') as object);
    expect(uploaded).toContainEqual(expect.objectContaining({ replacedFileId: first.answer?.fileId }));

    const removed = await w.clientAgent.request('DELETE', `${w.item}/questions/card/file`, {});
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<QuestionFileSaved>()).toMatchObject({ questionId: 'card', answer: null });
    expect(await fileRows()).toEqual([]);
    expect(await storedKeys()).toEqual([]);
    expect((await w.clientAgent.get(w.item)).json<PortalDocument>().answers).not.toHaveProperty('card');
    expect((await actions('document.file_removed')).map((a) => JSON.parse(a.details ?? '{}') as object)).toEqual([
      { documentId: w.document.id, questionId: 'card', fileId: replaced.answer?.fileId },
    ]);
  });

  it('refuses a file of another type, one whose name lies, one over 10 MB and a body that is not multipart, keeping nothing', async () => {
    const w = await world();
    const refusals: [TestFile, number, string][] = [
      [{ name: 'card.txt', data: sampleFiles.text() }, 400, 'must be a PDF, PNG, JPEG or HEIC file'],
      [{ name: 'card.pdf', data: sampleFiles.exe(), type: 'application/pdf' }, 400, 'must be a PDF'],
      [{ name: 'card.png', data: sampleFiles.pdf() }, 400, 'is a PDF but its name ends in .png'],
      [
        { name: 'card.pdf', data: Buffer.concat([sampleFiles.pdf(), Buffer.alloc(10 * 1024 * 1024)]) },
        413,
        'must be at most 10 MB',
      ],
    ];
    for (const [file, status, message] of refusals) {
      const response = await w.upload('card', [file]);
      expect(response.statusCode, response.body).toBe(status);
      const fields = response.json<ErrorBody>().error.fields ?? [];
      expect(fields).toEqual([{ field: 'file', message: expect.stringContaining(message) as string }]);
    }
    const json = await w.clientAgent.put(`${w.item}/questions/card/file`, { file: 'card.png' });
    expect(json.statusCode).toBe(415);
    expect(await fileRows()).toEqual([]);
    expect(await storedKeys()).toEqual([]);
    expect(await actions('document.file_')).toEqual([]);
  });

  it('answers 404 for another client’s document, a question that takes no file and a cancelled document, storing nothing', async () => {
    const w = await world();
    const other = await createClient(t.deps, w.practice.id);
    const theirs = await createSharedDocument(t.deps, w.practice.id, other.id, { content: formWithFiles });
    const theirItem = `/api/portal/${w.practice.slug}/documents/${theirs.id}`;
    const file = [{ name: 'card.png', data: cardPng() }];
    expect((await w.upload('card', file, w.clientAgent, theirItem)).statusCode).toBe(404);
    expect((await w.clientAgent.request('DELETE', `${theirItem}/questions/card/file`, {})).statusCode).toBe(404);
    expect((await w.upload('reason', file)).statusCode).toBe(404);
    expect((await w.upload('nothing', file)).statusCode).toBe(404);

    // A file of another client's document is not this client's to download, even by its id.
    const mine = (await w.upload('card', file)).json<QuestionFileSaved>();
    await t.deps.db
      .updateTable('shared_document_files')
      .set({ client_id: other.id, shared_document_id: theirs.id })
      .execute();
    expect((await w.clientAgent.get(`${theirItem}/files/${mine.answer?.fileId}`)).statusCode).toBe(404);
    expect((await w.clientAgent.get(`${w.item}/files/${mine.answer?.fileId}`)).statusCode).toBe(404);
    await t.deps.db.deleteFrom('shared_document_files').execute();

    await t.deps.db
      .updateTable('shared_documents')
      .set({ status: 'cancelled' })
      .where('id', '=', w.document.id)
      .execute();
    expect((await w.upload('card', file)).statusCode).toBe(404);
    expect(await fileRows()).toEqual([]);
  });

  it('holds a draft’s file answers to the files uploaded: another id is refused naming the question, none keeps the file', async () => {
    const w = await world();
    const saved = (await w.upload('card', [{ name: 'card.png', data: cardPng() }])).json<QuestionFileSaved>();
    const answer = saved.answer as FileAnswer;

    const forged = { ...answer, fileId: crypto.randomUUID() };
    const refused = await w.clientAgent.put(`${w.item}/draft`, { answers: { reason: 'Sleep', card: forged } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().error.fields).toEqual([
      { field: 'answers.card', message: 'must be the file uploaded to this question' },
    ]);
    const noUpload = await w.clientAgent.put(`${w.item}/draft`, { answers: { letter: answer } });
    expect(noUpload.json<ErrorBody>().error.fields).toEqual([
      { field: 'answers.letter', message: 'must be the file uploaded to this question' },
    ]);

    // The portal saves the other answers without the file's; the file's answer stays, as stored.
    const renamed = { ...answer, fileName: 'something else.exe' };
    expect((await w.clientAgent.put(`${w.item}/draft`, { answers: { reason: 'Sleep' } })).statusCode).toBe(200);
    expect((await w.clientAgent.put(`${w.item}/draft`, { answers: { card: renamed } })).statusCode).toBe(200);
    expect((await w.clientAgent.get(w.item)).json<PortalDocument>().answers).toEqual({ card: answer });
  });
});

describe('submitting a document with file questions', () => {
  it('refuses it without the required file, naming the question', async () => {
    const w = await world();
    const response = await w.clientAgent.post(`${w.item}/submit`, { answers: { sign: typedSignature } });
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorBody>().error.fields).toEqual([
      { field: 'answers.card', message: 'Photo of your insurance card: is required' },
    ]);
    expect((await t.deps.db.selectFrom('shared_documents').select('status').executeTakeFirstOrThrow()).status).not.toBe(
      'completed',
    );
  });

  it('signs the file’s hash, prints its name, size and hash, locks it, and lets the client’s clinicians download it', async () => {
    const w = await world();
    const png = cardPng();
    const saved = (await w.upload('card', [{ name: 'Insurance card.png', data: png }])).json<QuestionFileSaved>();
    const answer = saved.answer as FileAnswer;
    const submitted = await w.clientAgent.post(`${w.item}/submit`, {
      answers: { reason: 'Trouble sleeping', card: answer, sign: typedSignature },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const row = await t.deps.db
      .selectFrom('shared_documents')
      .selectAll()
      .where('id', '=', w.document.id)
      .executeTakeFirstOrThrow();
    const answers = JSON.parse(row.answers ?? '{}') as Record<string, JsonValue>;
    expect(answers).toMatchObject({ card: { fileId: answer.fileId, sha256: sha256Hex(png) } });
    expect(answers).not.toHaveProperty('letter');
    const signed: SignedContent = {
      format: signedContentFormat,
      itemId: row.id,
      practiceId: w.practice.id,
      clientId: w.client.id,
      templateVersionId: row.template_version_id,
      answers,
      signer: { name: 'Ada Lovelace', consentedToElectronicSignature: true },
      signedAt: row.signed_at ?? '',
      ipAddress: row.signer_ip ?? '',
    };
    expect(row.content_sha256).toBe(signedContentSha256(signed));
    // Another file (another hash) would have been another signed content.
    const otherFile = { ...answers, card: { ...answer, sha256: sha256Hex(sampleFiles.pdf()) } };
    expect(signedContentSha256({ ...signed, answers: otherFile })).not.toBe(row.content_sha256);

    const pdf = await w.clientAgent.get(`${w.item}/pdf`);
    const words = await readPdfWords(pdf.rawPayload);
    for (const expected of [
      'Photo of your insurance card Insurance card.png',
      `${(png.length / 1024).toFixed(1)} KB (${png.length.toLocaleString('en-US')} bytes), kept with this record`,
      `SHA-256 ${sha256Hex(png)}`,
      'Referral letter No answer',
    ])
      expect(words).toContain(expected);

    // Locked: no upload, no replacement, no removal, and the file stays.
    expect((await w.upload('card', [{ name: 'new.png', data: cardPng() }])).statusCode).toBe(409);
    expect((await w.upload('letter', [{ name: 'letter.pdf', data: sampleFiles.pdf() }])).statusCode).toBe(409);
    expect((await w.clientAgent.request('DELETE', `${w.item}/questions/card/file`, {})).statusCode).toBe(409);
    expect((await fileRows()).map((r) => r.id)).toEqual([answer.fileId]);
    expect(await storedKeys()).toEqual([`${w.practice.id}/documents/${answer.fileId}`, row.pdf_storage_key].sort());

    // The client downloads it from the completed document; the owner (their clinician) too.
    expect((await w.clientAgent.get(`${w.item}/files/${answer.fileId}`)).rawPayload.equals(png)).toBe(true);
    const record = (await w.staff.get(`${w.staffBase}/completed`)).json<CompletedDocument>();
    expect(record.answers.card).toEqual(answer);
    const staffDownload = await w.staff.get(`${w.staffBase}/files/${answer.fileId}`);
    expect(staffDownload.statusCode).toBe(200);
    expect(staffDownload.rawPayload.equals(png)).toBe(true);
    const downloads = await actions('document.file_downloaded');
    expect(downloads.map((a) => a.actor_type).sort()).toEqual(['client', 'staff'].sort());

    // An assigned clinician reads it; billers, schedulers, other clinicians and other practices do not.
    const assigned = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    const assign = await w.staff.put(`/api/clients/${w.client.id}/clinicians`, {
      primaryId: assigned.id,
      otherIds: [],
    });
    expect(assign.statusCode, assign.body).toBe(200);
    const assignedAgent = await signInAs(t.app, assigned.email);
    expect((await assignedAgent.get(`${w.staffBase}/files/${answer.fileId}`)).statusCode).toBe(200);
    const refused: Agent[] = [];
    for (const roles of [['biller'], ['scheduler'], ['clinician']] as const) {
      const member = await createStaff(t.deps, w.practice.id, { roles });
      refused.push(await signInAs(t.app, member.email));
    }
    const elsewhere = await createPractice(t.deps);
    refused.push(await signInAs(t.app, elsewhere.owner.email));
    for (const agent of refused)
      expect((await agent.get(`${w.staffBase}/files/${answer.fileId}`)).statusCode).toBe(404);
  });

  it('refuses a submitted file answer that names a file not uploaded to the question', async () => {
    const w = await world();
    const saved = (await w.upload('card', [{ name: 'card.png', data: cardPng() }])).json<QuestionFileSaved>();
    const answer = saved.answer as FileAnswer;
    const response = await w.clientAgent.post(`${w.item}/submit`, {
      answers: { card: answer, letter: answer, sign: typedSignature },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.fields).toEqual([
      { field: 'answers.letter', message: 'must be the file uploaded to this question' },
    ]);
  });

  it('keeps staff from a document’s files until it is completed', async () => {
    const w = await world();
    const saved = (await w.upload('card', [{ name: 'card.png', data: cardPng() }])).json<QuestionFileSaved>();
    expect((await w.staff.get(`${w.staffBase}/files/${saved.answer?.fileId}`)).statusCode).toBe(404);
  });
});

describe('cancelling a document with uploaded files', () => {
  it('deletes its files, which nothing names any more', async () => {
    const w = await world();
    const saved = (await w.upload('card', [{ name: 'card.png', data: cardPng() }])).json<QuestionFileSaved>();
    const key = `${w.practice.id}/documents/${saved.answer?.fileId}`;
    const cancelled = await w.staff.post(`/api/clients/${w.client.id}/documents/${w.document.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await fileRows()).toEqual([]);
    expect(await storedKeys()).toEqual([]);
    expect([...(await findReferencedDocumentKeys(t.deps.db, [key]))]).toEqual([]);
  });
});
