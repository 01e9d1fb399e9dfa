import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { consentDocument, createSharedDocument, intakeForm } from '../../../../test/factories/shared-documents.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { messagingWorld } from '../../../../test/helpers/messages.js';
import { readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { signatureDataUrl } from '../../../../test/helpers/png.js';
import { createPortalToken } from '../../../../test/factories/portal.js';
import { redeemLink } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type {
  CompletedDocument,
  PortalDocument,
  PortalDocumentList,
} from '../../../shared/schemas/portal-documents.js';
import { findReferencedDocumentKeys } from './document-files.unscoped.js';
import { signedContentFormat, signedContentSha256 } from './documents.signed-content.js';
import { sha256Hex } from './documents.signed-content.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const drawn = signatureDataUrl();

/** Every answer of the intake form, signed with a drawing. */
const fullAnswers = {
  reason: 'Trouble sleeping since the move to Łódź.',
  phone: '+44 20 7946 0958',
  email: 'ada@example.test',
  seen: false,
  times: ['Evenings'],
  contact: 'Email',
  referral: 'Doctor',
  born: '1990-04-23',
  sessions: 12,
  mood: 4,
  home: { line1: '12 Rue de la Paix', line2: '', city: 'Paris', region: '', postalCode: '75002', country: 'France' },
  sign: { method: 'drawn', signerName: 'Ada Lovelace', image: drawn, consentToSign: true },
};

async function world() {
  const w = await messagingWorld(t);
  const document = await createSharedDocument(t.deps, w.practice.id, w.client.id, {
    dueDate: '2026-12-31',
    message: 'Please fill these in before we meet.',
  });
  const url = `/api/portal/${w.practice.slug}/documents`;
  return { ...w, document, url, item: `${url}/${document.id}` };
}

async function status(id: string) {
  return (await t.deps.db.selectFrom('shared_documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
    .status;
}

describe('a client completing a shared document', () => {
  it('lists it to complete with its due date, marks it viewed when opened, and counts it on Home', async () => {
    const w = await world();
    expect((await w.clientAgent.get(`${w.url}/to-complete`)).json()).toEqual({ count: 1 });
    const list = (await w.clientAgent.get(w.url)).json<PortalDocumentList>();
    expect(list.toComplete).toEqual([
      expect.objectContaining({
        id: w.document.id,
        name: 'Intake questionnaire',
        status: 'sent',
        dueDate: '2026-12-31',
      }),
    ]);
    expect(list.completed).toEqual([]);

    const opened = await w.clientAgent.post(`${w.item}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<PortalDocument>()).toMatchObject({
      status: 'viewed',
      message: 'Please fill these in before we meet.',
      answers: {},
      consentHtml: null,
    });
    expect(await status(w.document.id)).toBe('viewed');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'client_id'])
      .where('action', '=', 'document.viewed')
      .execute();
    expect(audit).toEqual([{ action: 'document.viewed', actor_type: 'client', client_id: w.client.id }]);
  });

  it('keeps a draft on the server that another session of the client resumes', async () => {
    const w = await world();
    const half = { reason: 'Trouble sleeping', seen: true, times: ['Mornings'] };
    const saved = await w.clientAgent.put(`${w.item}/draft`, { answers: half });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'in_progress' });

    // Another device: a new sign-in, a new session.
    const token = await createPortalToken(t.deps, w.practice.id, w.client.id, { kind: 'link' });
    const { agent: other } = await redeemLink(t.app, w.practice, token.token ?? '');
    if (!other) throw new Error('second sign-in failed');
    const resumed = (await other.get(w.item)).json<PortalDocument>();
    expect(resumed).toMatchObject({ status: 'in_progress', answers: half });
    expect(resumed.draftSavedAt).not.toBeNull();
  });

  it('refuses a draft or submission with answers the template does not ask, naming each field', async () => {
    const w = await world();
    const response = await w.clientAgent.put(`${w.item}/draft`, {
      answers: { reason: 5, contact: 'Carrier pigeon', nonsense: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<ErrorBody>().error.fields?.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['answers.reason', 'answers.contact', 'answers.nonsense']));
  });

  it('refuses a submission missing required answers or the signature with 422 naming each, and completes nothing', async () => {
    const w = await world();
    const blank = await w.clientAgent.post(`${w.item}/submit`, { answers: {} });
    expect(blank.statusCode).toBe(422);
    const body = blank.json<ErrorBody>().error;
    expect(body.code).toBe('answers_incomplete');
    expect(body.fields).toEqual([
      { field: 'answers.reason', message: 'What brings you to therapy?: is required' },
      { field: 'answers.seen', message: 'Have you seen a therapist before?: is required' },
      { field: 'answers.sign', message: 'Your signature: must be signed' },
    ]);

    // A signature without the consent to sign electronically is no signature.
    const unconsented = await w.clientAgent.post(`${w.item}/submit`, {
      answers: { ...fullAnswers, sign: { ...fullAnswers.sign, consentToSign: false } },
    });
    expect(unconsented.statusCode).toBe(422);
    expect(unconsented.json<ErrorBody>().error.fields).toEqual([
      { field: 'answers.sign', message: 'Your signature: must be signed' },
    ]);

    const badEmail = await w.clientAgent.post(`${w.item}/submit`, {
      answers: { ...fullAnswers, email: 'not-an-email' },
    });
    expect(badEmail.statusCode).toBe(422);
    expect(badEmail.json<ErrorBody>().error.fields?.map((f) => f.field)).toEqual(['answers.email']);

    const notPng = await w.clientAgent.post(`${w.item}/submit`, {
      answers: { ...fullAnswers, sign: { ...fullAnswers.sign, image: 'data:image/png;base64,aGVsbG8gd29ybGQ=' } },
    });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json<ErrorBody>().error.fields?.map((f) => f.field)).toEqual(['answers.sign.image']);

    expect(await status(w.document.id)).toBe('sent');
  });

  it('completes with the answers, signer, address, time, hash and PDF, then locks', async () => {
    const w = await world();
    const submitted = await w.clientAgent.post(`${w.item}/submit`, { answers: fullAnswers });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'completed', completedAt: t.deps.clock.now().toISOString() });

    const row = await t.deps.db
      .selectFrom('shared_documents')
      .selectAll()
      .where('id', '=', w.document.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'completed',
      signer_name: 'Ada Lovelace',
      signer_ip: '127.0.0.1',
      signed_at: t.deps.clock.now().toISOString(),
      draft_answers: null,
    });
    expect(JSON.parse(row.answers ?? '')).toEqual(fullAnswers);
    // The hash is of the canonical signed content, computable again from the stored record.
    expect(row.content_sha256).toBe(
      signedContentSha256({
        format: signedContentFormat,
        itemId: row.id,
        practiceId: w.practice.id,
        clientId: w.client.id,
        templateVersionId: row.template_version_id,
        answers: JSON.parse(row.answers ?? '') as Record<string, never>,
        signer: { name: 'Ada Lovelace', consentedToElectronicSignature: true },
        signedAt: row.signed_at ?? '',
        ipAddress: row.signer_ip ?? '',
      }),
    );

    const pdf = await w.clientAgent.get(`${w.item}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(sha256Hex(pdf.rawPayload)).toBe(row.pdf_sha256);
    const words = await readPdfWords(pdf.rawPayload);
    for (const expected of [
      w.practice.name,
      'Intake questionnaire',
      'Version 1',
      'What brings you to therapy? Trouble sleeping since the move to Łódź.',
      'Have you seen a therapist before? No',
      '• Evenings',
      'April 23, 1990',
      '12 Rue de la Paix',
      'Signed by Ada Lovelace',
      '127.0.0.1',
      row.content_sha256 ?? 'missing',
    ])
      expect(words).toContain(expected);

    // Completed means locked: no draft, no second submission, and the record stays as it was.
    const draft = await w.clientAgent.put(`${w.item}/draft`, { answers: { reason: 'changed' } });
    expect(draft.statusCode).toBe(409);
    const again = await w.clientAgent.post(`${w.item}/submit`, { answers: { ...fullAnswers, reason: 'changed' } });
    expect(again.statusCode).toBe(409);
    const after = await t.deps.db
      .selectFrom('shared_documents')
      .selectAll()
      .where('id', '=', w.document.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(row);

    const list = (await w.clientAgent.get(w.url)).json<PortalDocumentList>();
    expect(list.toComplete).toEqual([]);
    expect(list.completed.map((d) => d.id)).toEqual([w.document.id]);
    expect((await w.clientAgent.get(`${w.url}/to-complete`)).json()).toEqual({ count: 0 });
    const opened = (await w.clientAgent.get(w.item)).json<PortalDocument>();
    expect(opened.answers).toEqual(fullAnswers);
  });

  it('signs a consent with a typed name, showing its text as sanitised HTML', async () => {
    const w = await messagingWorld(t);
    const consent = await createSharedDocument(t.deps, w.practice.id, w.client.id, {
      content: {
        ...consentDocument,
        body: `${consentDocument.body}\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>`,
      },
    });
    const item = `/api/portal/${w.practice.slug}/documents/${consent.id}`;
    const opened = (await w.clientAgent.post(`${item}/open`)).json<PortalDocument>();
    expect(opened.consentHtml).toContain('<h1>Informed consent</h1>');
    expect(opened.consentHtml).toContain('<strong>therapy</strong>');
    expect(opened.consentHtml).not.toMatch(/script|onerror|<img/);

    const missing = await w.clientAgent.post(`${item}/submit`, { answers: {} });
    expect(missing.json<ErrorBody>().error.fields).toEqual([
      { field: 'answers.signature', message: 'I have read and agree to the informed consent.: must be signed' },
    ]);
    const signed = await w.clientAgent.post(`${item}/submit`, {
      answers: { signature: { method: 'typed', signerName: 'Ada Lovelace', consentToSign: true } },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const pdf = await w.clientAgent.get(`${item}/pdf`);
    const words = await readPdfWords(pdf.rawPayload);
    expect(words).toContain('I agree to therapy with my clinician.');
    expect(words).toContain('I have read and agree to the informed consent. Ada Lovelace');
  });

  it('hides cancelled documents and other clients’ documents from the client', async () => {
    const w = await world();
    const other = await createClient(t.deps, w.practice.id);
    const theirs = await createSharedDocument(t.deps, w.practice.id, other.id);
    for (const path of ['', '/open', '/pdf'])
      expect(
        (
          await w.clientAgent.request(
            path === '/open' ? 'POST' : 'GET',
            `${w.url}/${theirs.id}${path}`,
            path === '/open' ? {} : undefined,
          )
        ).statusCode,
      ).toBe(404);
    expect((await w.clientAgent.put(`${w.url}/${theirs.id}/draft`, { answers: {} })).statusCode).toBe(404);

    await t.deps.db
      .updateTable('shared_documents')
      .set({ status: 'cancelled' })
      .where('id', '=', w.document.id)
      .execute();
    expect((await w.clientAgent.get(w.item)).statusCode).toBe(404);
    expect((await w.clientAgent.get(w.url)).json<PortalDocumentList>().toComplete).toEqual([]);
  });
});

describe('files the practice shared with the client', () => {
  it('lists them for the client to download, audit-logged, and never another client’s', async () => {
    const w = await world();
    const bytes = Buffer.from('%PDF-1.4\nA handout about sleep\n%%EOF\n');
    const key = `${w.practice.id}/documents/${randomUUID()}`;
    const stored = await t.deps.files.put(key, bytes, { contentType: 'application/pdf', size: bytes.length });
    const fileId = randomUUID();
    await t.deps.db
      .insertInto('client_files')
      .values({
        id: fileId,
        practice_id: w.practice.id,
        client_id: w.client.id,
        file_name: 'Sleep handout.pdf',
        content_type: 'application/pdf',
        size_bytes: bytes.length,
        storage_key: key,
        sha256: stored.sha256,
        uploaded_by: w.practice.owner.id,
        created_at: t.deps.clock.now().toISOString(),
        first_downloaded_at: null,
        removed_at: null,
      })
      .execute();
    const list = (await w.clientAgent.get(w.url)).json<PortalDocumentList>();
    expect(list.files).toEqual([expect.objectContaining({ id: fileId, fileName: 'Sleep handout.pdf' })]);
    const download = await w.clientAgent.get(`/api/portal/${w.practice.slug}/client-files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');
    const row = await t.deps.db
      .selectFrom('client_files')
      .select('first_downloaded_at')
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(row.first_downloaded_at).not.toBeNull();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'client_file.downloaded')
      .execute();
    expect(audit).toHaveLength(1);

    // The sweep of unreferenced files keeps it (and the PDFs of completed documents).
    expect([...(await findReferencedDocumentKeys(t.deps.db, [key, 'nobody/documents/x']))]).toEqual([key]);

    const other = await createClient(t.deps, w.practice.id);
    await t.deps.db.updateTable('client_files').set({ client_id: other.id }).where('id', '=', fileId).execute();
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/client-files/${fileId}`)).statusCode).toBe(404);
  });
});

describe('staff reading a completed document', () => {
  async function completed() {
    const w = await world();
    const submitted = await w.clientAgent.post(`${w.item}/submit`, { answers: fullAnswers });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const base = `/api/clients/${w.client.id}/documents/${w.document.id}`;
    return { ...w, base };
  }

  it('shows the owner (the client’s clinician) the answers and the PDF, audit-logged', async () => {
    const w = await completed();
    const read = await w.staff.get(`${w.base}/completed`);
    expect(read.statusCode, read.body).toBe(200);
    const record = read.json<CompletedDocument>();
    expect(record).toMatchObject({
      name: 'Intake questionnaire',
      templateVersion: 1,
      signerName: 'Ada Lovelace',
      answers: fullAnswers,
    });
    const pdf = await w.staff.get(`${w.base}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(sha256Hex(pdf.rawPayload)).toBe(record.pdfSha256);
    expect(await readPdfWords(pdf.rawPayload)).toContain(record.contentSha256);
    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('action', 'in', ['document.viewed', 'document.pdf_downloaded'])
      .where('actor_type', '=', 'staff')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['document.pdf_downloaded', 'document.viewed']);
  });

  it('answers 404 to billers, schedulers, clinicians of other clients and other practices', async () => {
    const w = await completed();
    const agents: Agent[] = [];
    for (const roles of [['biller'], ['scheduler'], ['clinician']] as const) {
      const member = await createStaff(t.deps, w.practice.id, { roles });
      agents.push(await signInAs(t.app, member.email));
    }
    const elsewhere = await createPractice(t.deps);
    agents.push(await signInAs(t.app, elsewhere.owner.email));
    for (const agent of agents) {
      expect((await agent.get(`${w.base}/completed`)).statusCode).toBe(404);
      expect((await agent.get(`${w.base}/pdf`)).statusCode).toBe(404);
    }
  });

  it('answers 404 for a document not yet completed', async () => {
    const w = await world();
    const base = `/api/clients/${w.client.id}/documents/${w.document.id}`;
    expect((await w.staff.get(`${base}/completed`)).statusCode).toBe(404);
    expect((await w.staff.get(`${base}/pdf`)).statusCode).toBe(404);
  });
});

describe('the intake form factory', () => {
  it('holds a question of each answerable kind but file upload', () => {
    const kinds = new Set(intakeForm.kind === 'form' ? intakeForm.questions.map((q) => q.kind) : []);
    expect(kinds.size).toBeGreaterThanOrEqual(13);
  });
});
