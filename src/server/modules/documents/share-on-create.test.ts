import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/permissions.js';
import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import type { TemplateDetail } from '../../../shared/schemas/documents.js';
import { createDocumentTemplate } from '../../../../test/factories/documents.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let practiceId: string;
let clinicianId: string;
let owner: Agent;
let intake: TemplateDetail;
let consent: TemplateDetail;

beforeEach(async () => {
  t = await buildTestApp();
  const practice = await createPractice(t.deps);
  practiceId = practice.id;
  owner = await signInAs(t.app, practice.owner.email);
  clinicianId = (await createStaff(t.deps, practiceId, { roles: ['clinician'] })).id;
  intake = await createDocumentTemplate(t.deps, practiceId, { name: 'Intake questionnaire' });
  consent = await createDocumentTemplate(t.deps, practiceId, {
    name: 'Consent to treatment',
    content: { kind: 'consent', body: 'I agree to **telehealth** sessions.', acknowledgement: 'I agree.' },
  });
});
afterEach(async () => {
  await t.close();
});

const address = 'noor@example.test';

function body(documents: { templateIds: string[]; dueDate?: string | null } | null, clinicianId?: string) {
  return {
    firstName: 'Noor',
    lastName: 'Haddad',
    emails: [{ address, type: 'home', emailOk: true, isPrimary: true }],
    portalInvitation: { message: 'Welcome, Noor.', documents },
    ...(clinicianId ? { clinicians: { primaryId: clinicianId, otherIds: [] } } : {}),
  };
}

const rows = {
  clients: () => t.deps.db.selectFrom('clients').select('id').where('practice_id', '=', practiceId).execute(),
  outbox: () => t.deps.db.selectFrom('outbox').select(['kind', 'subject', 'text', 'html']).execute(),
  shares: () => t.deps.db.selectFrom('document_shares').selectAll().execute(),
  documents: (clientId: string) =>
    t.deps.db
      .selectFrom('shared_documents')
      .select(['template_id', 'template_version_id', 'position', 'status'])
      .where('client_id', '=', clientId)
      .orderBy('position')
      .execute(),
  currentVersion: async (templateId: string) =>
    (
      await t.deps.db
        .selectFrom('document_templates')
        .select('current_version_id')
        .where('id', '=', templateId)
        .executeTakeFirstOrThrow()
    ).current_version_id,
};

async function expectNothingCreated() {
  expect(await rows.clients()).toEqual([]);
  expect(await rows.outbox()).toEqual([]);
  expect(await rows.shares()).toEqual([]);
  expect(await t.deps.db.selectFrom('portal_access').select('client_id').execute()).toEqual([]);
}

describe('invite on create with documents', () => {
  it('creates the client, invites them and shares the packet in order, with one welcome email saying documents wait', async () => {
    const versions = [await rows.currentVersion(consent.id), await rows.currentVersion(intake.id)];
    const created = await owner.post(
      '/api/clients',
      body({ templateIds: [consent.id, intake.id], dueDate: '2026-12-20' }, clinicianId),
    );
    expect(created.statusCode, created.body).toBe(201);
    const clientId = created.json<{ id: string }>().id;

    const access = (await owner.get(`/api/clients/${clientId}/portal`)).json<PortalAccessView>();
    expect(access).toMatchObject({ state: 'invited', email: { address } });
    expect(await rows.documents(clientId)).toEqual([
      { template_id: consent.id, template_version_id: versions[0], position: 0, status: 'sent' },
      { template_id: intake.id, template_version_id: versions[1], position: 1, status: 'sent' },
    ]);
    expect(await rows.shares()).toMatchObject([{ client_id: clientId, due_date: '2026-12-20', invited: 1 }]);

    const emails = await rows.outbox();
    expect(emails.map((e) => e.kind)).toEqual(['portal_invitation']);
    const [email] = emails;
    expect(email?.text).toContain('Welcome, Noor.');
    expect(email?.text).toContain('2 documents are waiting for you in the Client Portal, to complete by');
    expect(email?.text).toMatch(/#token=/);
    for (const secret of ['Intake questionnaire', 'Consent to treatment', 'telehealth', 'Full name']) {
      expect(email?.text).not.toContain(secret);
      expect(email?.html).not.toContain(secret);
    }

    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('client_id', '=', clientId)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['client.created', 'portal.invited', 'documents.shared']),
    );
  });

  it('keeps the version shared at creation when the template is edited afterwards', async () => {
    const atCreation = await rows.currentVersion(consent.id);
    const created = await owner.post('/api/clients', body({ templateIds: [consent.id] }, clinicianId));
    expect(created.statusCode, created.body).toBe(201);
    const edited = await owner.put(`/api/document-templates/${consent.id}`, {
      name: 'Consent to treatment',
      content: { kind: 'consent', body: 'Changed.', acknowledgement: 'I agree.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await rows.currentVersion(consent.id)).not.toBe(atCreation);
    const clientId = created.json<{ id: string }>().id;
    expect((await rows.documents(clientId)).map((d) => d.template_version_id)).toEqual([atCreation]);
    const [email] = await rows.outbox();
    expect(email?.text).toContain('A document is waiting for you in the Client Portal.');
  });

  it('refuses an unknown or archived template naming it, and creates nothing', async () => {
    const unknown = await owner.post(
      '/api/clients',
      body({ templateIds: [intake.id, '00000000-0000-4000-8000-000000000000'] }, clinicianId),
    );
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { code: 'validation_failed', fields: [{ field: 'portalInvitation.documents.templateIds.1' }] },
    });
    await expectNothingCreated();

    expect((await owner.post(`/api/document-templates/${consent.id}/archive`)).statusCode).toBe(200);
    const archived = await owner.post('/api/clients', body({ templateIds: [consent.id] }, clinicianId));
    expect(archived.statusCode, archived.body).toBe(400);
    expect(archived.json()).toMatchObject({
      error: { fields: [{ field: 'portalInvitation.documents.templateIds.0' }] },
    });
    await expectNothingCreated();

    const foreignPractice = await createPractice(t.deps);
    const foreign = await createDocumentTemplate(t.deps, foreignPractice.id);
    const elsewhere = await owner.post('/api/clients', body({ templateIds: [foreign.id] }, clinicianId));
    expect(elsewhere.json()).toMatchObject({
      error: { fields: [{ field: 'portalInvitation.documents.templateIds.0' }] },
    });
    await expectNothingCreated();

    const empty = await owner.post('/api/clients', body({ templateIds: [] }, clinicianId));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { fields: [{ field: 'portalInvitation.documents.templateIds' }] } });
    const badDate = await owner.post(
      '/api/clients',
      body({ templateIds: [intake.id], dueDate: '2026-02-30' }, clinicianId),
    );
    expect(badDate.json()).toMatchObject({ error: { fields: [{ field: 'portalInvitation.documents.dueDate' }] } });
    await expectNothingCreated();
  });

  it('lets only roles that share documents send them: billers and schedulers are refused and nothing is created', async () => {
    const asRole = async (roles: Role[]) => {
      const member = await createStaff(t.deps, practiceId, { roles });
      return signInAs(t.app, member.email);
    };
    for (const roles of [['scheduler'], ['biller']] satisfies Role[][]) {
      const agent = await asRole(roles);
      const refused = await agent.post('/api/clients', body({ templateIds: [intake.id] }, clinicianId));
      expect(refused.statusCode, `${roles.join('+')}: ${refused.body}`).toBe(403);
      await expectNothingCreated();
    }
    const clinician = await t.deps.db
      .selectFrom('staff_users')
      .select('email')
      .where('id', '=', clinicianId)
      .executeTakeFirstOrThrow();
    const asClinician = await signInAs(t.app, clinician.email);
    const shared = await asClinician.post('/api/clients', body({ templateIds: [intake.id] }));
    expect(shared.statusCode, shared.body).toBe(201);
    expect(await rows.documents(shared.json<{ id: string }>().id)).toHaveLength(1);
  });

  it('still invites without documents, in the welcome email that says nothing of documents', async () => {
    const created = await owner.post('/api/clients', body(null, clinicianId));
    expect(created.statusCode, created.body).toBe(201);
    expect(await rows.shares()).toEqual([]);
    const [email] = await rows.outbox();
    expect(email?.text).toContain('Welcome, Noor.');
    expect(email?.text).not.toContain('waiting for you');
  });
});
