import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDocuments } from '../../../shared/schemas/documents.js';
import { createDocumentTemplate, shareWithClient } from '../../../../test/factories/documents.js';
import { consentDocument } from '../../../../test/factories/shared-documents.js';
import { factoryClientContext } from '../../../../test/factories/contexts.js';
import { invite, latestPortalEmail, portalWorld } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { submitDocument } from './document-completion.service.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const secrets = ['Consent to treatment', 'Intake questionnaire', 'telehealth'];

/** A client invited by sharing two documents, in two shares: the consent due 20 December, the intake not due. */
async function clientWithTwoWaiting() {
  const world = await portalWorld(t.app, t.deps);
  const { practice, client, email } = world;
  const consent = await createDocumentTemplate(t.deps, practice.id, {
    name: 'Consent to treatment',
    content: { ...consentDocument, body: 'I agree to **telehealth** sessions.' },
  });
  const intake = await createDocumentTemplate(t.deps, practice.id, { name: 'Intake questionnaire' });
  const invitation = { emailId: email.id, message: 'Welcome to our portal.' };
  await shareWithClient(t.deps, practice.id, client.id, [consent.id], { dueDate: '2026-12-20', invitation });
  t.deps.clock.advanceMinutes(1);
  await shareWithClient(t.deps, practice.id, client.id, [intake.id], { invitation });
  const documents = (await world.staff.get(`/api/clients/${client.id}/documents`)).json<ClientDocuments>().documents;
  const byTemplate = (id: string) => {
    const found = documents.find((d) => d.templateId === id);
    if (!found) throw new Error('not shared');
    return found;
  };
  return { ...world, consentDoc: byTemplate(consent.id), intakeDoc: byTemplate(intake.id) };
}

async function welcomeTo(address: string) {
  const email = (await latestPortalEmail(t.deps, address)).row;
  expect(email.kind).toBe('portal_invitation');
  for (const secret of secrets) {
    expect(email.text).not.toContain(secret);
    expect(email.html).not.toContain(secret);
  }
  return email;
}

const twoWaiting = '2 documents are waiting for you in the Client Portal, to complete by Dec 20, 2026.';

describe('every welcome email sent again says how many documents wait and by when, never which', () => {
  it('Resend, Remind, Disable and Resend and a new portal email each carry the documents line', async () => {
    const { staff, client, email, consentDoc } = await clientWithTwoWaiting();
    // The second share's invitation counts the documents of both shares, due by the earliest date.
    expect((await welcomeTo(email.address)).text).toContain(twoWaiting);

    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    const resent = await welcomeTo(email.address);
    expect(resent.text).toContain('Welcome to our portal.');
    expect(resent.text).toContain(twoWaiting);

    t.deps.clock.advanceMinutes(1);
    const reminded = await staff.post(`/api/clients/${client.id}/documents/${consentDoc.id}/remind`);
    expect(reminded.statusCode, reminded.body).toBe(200);
    expect((await welcomeTo(email.address)).text).toContain(twoWaiting);

    t.deps.clock.advanceMinutes(1);
    const again = await staff.post(`/api/clients/${client.id}/portal/disable-and-resend`, {
      emailId: email.id,
      message: 'Here is a new link.',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await welcomeTo(email.address)).text).toContain(twoWaiting);

    t.deps.clock.advanceMinutes(1);
    const moved = 'moved@example.test';
    const updated = await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [{ id: email.id, address: moved, type: 'home', emailOk: true, isPrimary: true }],
      resendPortalInvitation: { to: moved, message: 'Your portal now uses your new address.' },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect((await welcomeTo(moved)).text).toContain(twoWaiting);
  });

  it('counts only documents still to complete: none once they are completed or cancelled', async () => {
    const { practice, staff, client, email, consentDoc, intakeDoc } = await clientWithTwoWaiting();
    await submitDocument(factoryClientContext(t.deps, practice.id, client.id), consentDoc.id, {
      signature: { method: 'typed', signerName: 'Ada Lovelace', consentToSign: true },
    });
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    const oneLeft = await welcomeTo(email.address);
    // The due document is done: the one left has no due date.
    expect(oneLeft.text).toContain(
      'A document is waiting for you in the Client Portal. For your privacy, this email does not show what it contains.',
    );

    const cancelled = await staff.post(`/api/clients/${client.id}/documents/${intakeDoc.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    const none = await welcomeTo(email.address);
    expect(none.text).toContain('Welcome to our portal.');
    expect(none.text).not.toContain('waiting for you');
    expect(none.text).toMatch(/#token=/);
  });

  it('a client without documents gets the plain welcome email, sent and resent', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    const rows = await t.deps.db
      .selectFrom('outbox')
      .select(['kind', 'text'])
      .where('to_address', '=', email.address)
      .execute();
    expect(rows.map((r) => r.kind)).toEqual(['portal_invitation', 'portal_invitation']);
    for (const row of rows) {
      expect(row.text).toContain('Welcome to our portal.');
      expect(row.text).not.toContain('waiting for you');
    }
  });
});
