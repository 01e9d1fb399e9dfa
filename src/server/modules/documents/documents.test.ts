import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDocuments, TemplateDetail, TemplateListItem } from '../../../shared/schemas/documents.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createDocumentTemplate, sampleFormContent, shareWithClient } from '../../../../test/factories/documents.js';
import { createPortalAccess } from '../../../../test/factories/portal.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let owner: Agent;
let practiceId: string;

beforeEach(async () => {
  t = await buildTestApp();
  const practice = await createPractice(t.deps);
  practiceId = practice.id;
  owner = await signInAs(t.app, practice.owner.email);
});
afterEach(async () => {
  await t.close();
});

const editedContent = {
  kind: 'form' as const,
  questions: [
    ...(sampleFormContent.kind === 'form' ? sampleFormContent.questions : []),
    { id: 'allergies', kind: 'long_text' as const, label: 'Allergies', required: true },
  ],
};

async function outboxTo(address: string) {
  return t.deps.db
    .selectFrom('outbox')
    .select(['kind', 'subject', 'text'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute();
}

describe('Settings → Documents', () => {
  it('gives each practice the four starter templates once, editable like its own', async () => {
    const first = (await owner.get('/api/document-templates')).json<TemplateListItem[]>();
    const again = (await owner.get('/api/document-templates')).json<TemplateListItem[]>();
    expect(first.map((x) => x.starter).sort()).toEqual([
      'informed_consent',
      'intake',
      'privacy_notice',
      'release_of_information',
    ]);
    expect(again.map((x) => x.id).sort()).toEqual(first.map((x) => x.id).sort());
    const consent = first.find((x) => x.starter === 'informed_consent');
    const detail = (await owner.get(`/api/document-templates/${consent?.id}`)).json<TemplateDetail>();
    expect(detail.kind).toBe('consent');
    expect(detail.bodyHtml).toContain('<h2>Confidentiality</h2>');
    const edited = await owner.put(`/api/document-templates/${detail.id}`, {
      name: 'Our consent',
      content: detail.content,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<TemplateDetail>()).toMatchObject({
      name: 'Our consent',
      version: 2,
      starter: 'informed_consent',
    });
  });

  it('makes a new version on each edit, none for an edit that changes nothing, and keeps a template’s kind', async () => {
    const created = await owner.post('/api/document-templates', { name: 'Intake', content: sampleFormContent });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<TemplateDetail>();
    const same = await owner.put(`/api/document-templates/${id}`, { name: 'Intake', content: sampleFormContent });
    expect(same.json<TemplateDetail>().version).toBe(1);
    const edited = (
      await owner.put(`/api/document-templates/${id}`, { name: 'Intake', content: editedContent })
    ).json<TemplateDetail>();
    expect(edited.version).toBe(2);
    expect(edited.versions.map((v) => v.version)).toEqual([2, 1]);
    const toConsent = await owner.put(`/api/document-templates/${id}`, {
      name: 'Intake',
      content: { kind: 'consent', body: 'Hi', acknowledgement: 'I agree' },
    });
    expect(toConsent.statusCode).toBe(400);
    expect(toConsent.json<{ error: { fields: { field: string }[] } }>().error.fields[0]?.field).toBe('content.kind');
  });

  it('names the field of a template that is not valid', async () => {
    const response = await owner.post('/api/document-templates', {
      name: ' ',
      content: { kind: 'form', questions: [{ id: 'q', kind: 'dropdown', label: 'Pick', options: [] }] },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'content.questions.0.options']));
  });

  it('renders consent markdown to sanitised HTML: no scripts, handlers or javascript: links', async () => {
    const response = await owner.post('/api/document-templates/preview', {
      markdown:
        '# Title\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [site](https://example.test)',
    });
    const { html } = response.json<{ html: string }>();
    expect(html).toContain('<h1>Title</h1>');
    expect(html).not.toMatch(/script|onerror|javascript:|<img/);
    expect(html).toContain('href="https://example.test"');
  });

  it('archives a template out of the list and refuses to share it', async () => {
    const template = await createDocumentTemplate(t.deps, practiceId);
    await owner.post(`/api/document-templates/${template.id}/archive`);
    const list = (await owner.get('/api/document-templates')).json<TemplateListItem[]>();
    expect(list.map((x) => x.id)).not.toContain(template.id);
    const archived = (await owner.get('/api/document-templates?archived=true')).json<TemplateListItem[]>();
    expect(archived.map((x) => x.id)).toEqual([template.id]);
    const client = await createClient(t.deps, practiceId);
    await createPortalAccess(t.deps, practiceId, client.id, { state: 'active' });
    const shared = await owner.post(`/api/clients/${client.id}/documents/shares`, { templateIds: [template.id] });
    expect(shared.statusCode).toBe(400);
    expect(shared.body).toContain('templateIds.0');
  });
});

describe('sharing documents', () => {
  it('keeps what was shared on the version it was shared with when the template is edited', async () => {
    const template = await createDocumentTemplate(t.deps, practiceId);
    const client = await createClient(t.deps, practiceId);
    await createPortalAccess(t.deps, practiceId, client.id, { state: 'active' });
    await shareWithClient(t.deps, practiceId, client.id, [template.id]);
    const before = await t.deps.db.selectFrom('shared_documents').selectAll().executeTakeFirstOrThrow();
    const versionBefore = await t.deps.db
      .selectFrom('document_template_versions')
      .selectAll()
      .where('id', '=', before.template_version_id)
      .executeTakeFirstOrThrow();

    const edited = await owner.put(`/api/document-templates/${template.id}`, {
      name: 'Intake, revised',
      content: editedContent,
    });
    expect(edited.json<TemplateDetail>().version).toBe(2);

    const after = await t.deps.db.selectFrom('shared_documents').selectAll().executeTakeFirstOrThrow();
    expect(after.template_version_id).toBe(before.template_version_id);
    const versionAfter = await t.deps.db
      .selectFrom('document_template_versions')
      .selectAll()
      .where('id', '=', after.template_version_id)
      .executeTakeFirstOrThrow();
    expect(versionAfter).toEqual(versionBefore);
    const tab = (await owner.get(`/api/clients/${client.id}/documents`)).json<ClientDocuments>();
    expect(tab.documents).toEqual([expect.objectContaining({ name: 'Intake form', version: 1, status: 'sent' })]);
  });

  it('shares a packet in order with a client who has access, emailing that documents wait without their contents', async () => {
    const first = await createDocumentTemplate(t.deps, practiceId, { name: 'Substance use history' });
    const second = await createDocumentTemplate(t.deps, practiceId, { name: 'Consent' });
    const client = await createClient(t.deps, practiceId);
    const access = await createPortalAccess(t.deps, practiceId, client.id, { state: 'active' });
    const response = await owner.post(`/api/clients/${client.id}/documents/shares`, {
      templateIds: [second.id, first.id],
      dueDate: '2030-01-15',
      message: 'Please bring questions to our session.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const tab = response.json<ClientDocuments>();
    expect(tab.documents.map((d) => [d.name, d.dueDate, d.status])).toEqual([
      ['Consent', '2030-01-15', 'sent'],
      ['Substance use history', '2030-01-15', 'sent'],
    ]);
    const emails = (await outboxTo(access.emailAddress)).filter((e) => e.kind === 'documents_shared');
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain('2 documents');
    expect(emails[0]?.text).not.toMatch(/Substance|Consent|bring questions/);
  });

  it('invites a client without access in the same step, or refuses and leaves nothing behind', async () => {
    const template = await createDocumentTemplate(t.deps, practiceId);
    const client = await createClient(t.deps, practiceId);
    const email = client.emails[0];
    if (!email) throw new Error('no email');
    const url = `/api/clients/${client.id}/documents/shares`;

    const noInvite = await owner.post(url, { templateIds: [template.id] });
    expect(noInvite.statusCode).toBe(400);
    expect(noInvite.body).toContain('"invitation"');
    const badEmail = await owner.post(url, {
      templateIds: [template.id],
      invitation: { emailId: template.id, message: 'Welcome' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toContain('emailId');
    expect(await t.deps.db.selectFrom('document_shares').selectAll().execute()).toEqual([]);
    expect(await outboxTo(email.address)).toEqual([]);

    const shared = await owner.post(url, {
      templateIds: [template.id],
      invitation: { emailId: email.id, message: 'Welcome to our portal.' },
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const portal = (await owner.get(`/api/clients/${client.id}/portal`)).json<{ state: string }>();
    expect(portal.state).toBe('invited');
    const sent = await outboxTo(email.address);
    expect(sent.map((e) => e.kind)).toEqual(['portal_invitation']);
    // The one welcome email says a document waits, never which.
    expect(sent[0]?.text).toContain('A document is waiting for you in the Client Portal.');
    expect(sent[0]?.text).not.toContain(template.name);
    const share = await t.deps.db.selectFrom('document_shares').selectAll().executeTakeFirstOrThrow();
    expect(share.invited).toBe(1);
  });

  it('reminds and cancels open documents, and never cancels a completed one', async () => {
    const template = await createDocumentTemplate(t.deps, practiceId);
    const client = await createClient(t.deps, practiceId);
    const access = await createPortalAccess(t.deps, practiceId, client.id, { state: 'active' });
    await shareWithClient(t.deps, practiceId, client.id, [
      template.id,
      (await createDocumentTemplate(t.deps, practiceId)).id,
    ]);
    const [a, b] = (await owner.get(`/api/clients/${client.id}/documents`)).json<ClientDocuments>().documents;
    if (!a || !b) throw new Error('not shared');

    t.deps.clock.advanceMinutes(5);
    const reminded = await owner.post(`/api/clients/${client.id}/documents/${a.id}/remind`);
    expect(reminded.statusCode, reminded.body).toBe(200);
    expect(reminded.json<ClientDocuments>().documents.find((d) => d.id === a.id)?.lastRemindedAt).not.toBeNull();
    expect((await outboxTo(access.emailAddress)).filter((e) => e.kind === 'documents_reminder')).toHaveLength(1);

    const cancelled = await owner.post(`/api/clients/${client.id}/documents/${a.id}/cancel`);
    expect(cancelled.json<ClientDocuments>().documents.find((d) => d.id === a.id)?.status).toBe('cancelled');
    expect((await owner.post(`/api/clients/${client.id}/documents/${a.id}/remind`)).statusCode).toBe(409);

    await t.deps.db.updateTable('shared_documents').set({ status: 'completed' }).where('id', '=', b.id).execute();
    expect((await owner.post(`/api/clients/${client.id}/documents/${b.id}/cancel`)).statusCode).toBe(409);
  });

  it('audits each view of a client’s documents', async () => {
    const client = await createClient(t.deps, practiceId);
    await owner.get(`/api/clients/${client.id}/documents`);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'kind'])
      .where('client_id', '=', client.id)
      .where('action', '=', 'documents.viewed')
      .execute();
    expect(rows).toEqual([{ action: 'documents.viewed', kind: 'documents' }]);
  });
});

describe('who sees documents', () => {
  it('answers 404 for another practice’s client, template or document, and for another client’s document', async () => {
    const other = await createPractice(t.deps);
    const theirs = await createClient(t.deps, other.id);
    const theirTemplate = await createDocumentTemplate(t.deps, other.id);
    const mine = await createClient(t.deps, practiceId);
    await createPortalAccess(t.deps, practiceId, mine.id, { state: 'active' });
    const template = await createDocumentTemplate(t.deps, practiceId);
    await shareWithClient(t.deps, practiceId, mine.id, [template.id]);
    const [doc] = (await owner.get(`/api/clients/${mine.id}/documents`)).json<ClientDocuments>().documents;
    const second = await createClient(t.deps, practiceId);

    expect((await owner.get(`/api/clients/${theirs.id}/documents`)).statusCode).toBe(404);
    expect((await owner.get(`/api/document-templates/${theirTemplate.id}`)).statusCode).toBe(404);
    expect(
      (await owner.put(`/api/document-templates/${theirTemplate.id}`, { name: 'x', content: sampleFormContent }))
        .statusCode,
    ).toBe(404);
    expect((await owner.post(`/api/clients/${second.id}/documents/${doc?.id}/cancel`)).statusCode).toBe(404);
    const shareTheirs = await owner.post(`/api/clients/${mine.id}/documents/shares`, {
      templateIds: [theirTemplate.id],
    });
    expect(shareTheirs.statusCode).toBe(400);
  });

  it('lets clinicians share with their own clients only; billers and schedulers see no documents', async () => {
    const clinician = await createStaff(t.deps, practiceId, { roles: ['clinician'], name: 'Dr. Own' });
    const biller = await createStaff(t.deps, practiceId, { roles: ['biller'], name: 'Bill' });
    const scheduler = await createStaff(t.deps, practiceId, { roles: ['scheduler'], name: 'Sam' });
    const own = await createClient(t.deps, practiceId, {}, { clinicians: { primaryId: clinician.id, otherIds: [] } });
    const notOwn = await createClient(t.deps, practiceId);
    await createPortalAccess(t.deps, practiceId, own.id, { state: 'active' });
    const template = await createDocumentTemplate(t.deps, practiceId);
    const asClinician = await signInAs(t.app, clinician.email);

    expect((await asClinician.get('/api/document-templates')).statusCode).toBe(200);
    expect(
      (await asClinician.post('/api/document-templates', { name: 'Mine', content: sampleFormContent })).statusCode,
    ).toBe(403);
    const shared = await asClinician.post(`/api/clients/${own.id}/documents/shares`, { templateIds: [template.id] });
    expect(shared.statusCode, shared.body).toBe(201);
    expect((await asClinician.get(`/api/clients/${notOwn.id}/documents`)).statusCode).toBe(404);

    for (const member of [biller, scheduler]) {
      const agent = await signInAs(t.app, member.email);
      expect((await agent.get(`/api/clients/${own.id}/documents`)).statusCode).toBe(404);
      expect((await agent.get('/api/document-templates')).statusCode).toBe(403);
    }
  });
});
