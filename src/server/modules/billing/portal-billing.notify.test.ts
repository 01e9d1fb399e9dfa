import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoice } from '../../../../test/factories/invoices.js';
import { messagingWorld } from '../../../../test/helpers/messages.js';
import { invite, portalWorld } from '../../../../test/helpers/portal.js';
import { SmtpSink } from '../../../../test/helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { MailWorker } from '../../platform/mail-worker.js';
import { systemContext } from '../../platform/request-context.js';
import { notifyBillingDocumentIn } from './index.js';

let t: TestApp;
let sink: SmtpSink;
let worker: MailWorker;

beforeEach(async () => {
  sink = new SmtpSink();
  t = await buildTestApp({ SMTP_URL: await sink.start() });
  worker = new MailWorker(t.deps);
});
afterEach(async () => {
  await worker.stop();
  await t.close();
  await sink.stop();
});

const subject = (practiceName: string) => `A new billing document from ${practiceName}`;

function notify(practiceId: string, clientId: string) {
  return systemContext(t.deps, practiceId).inTransaction((tx) => notifyBillingDocumentIn(tx, clientId));
}

describe('the email that a new billing document is in the portal', () => {
  it('goes to the portal address with a link to Billing, naming no document, amount or service, and is audited', async () => {
    const w = await messagingWorld(t);
    await createInvoice(t.deps, w.practice.id, w.client.id, { number: 'INV-7319' });
    const outboxId = await notify(w.practice.id, w.client.id);
    expect(outboxId).not.toBeNull();
    await worker.drain();

    const mails = sink.messages.filter((m) => m.subject === subject(w.practice.name));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to).toEqual([w.email.address]);
    expect(mail?.text).toContain('A new billing document is available in your Client Portal');
    expect(mail?.text).toContain(`${t.deps.config.publicUrl}/portal/${w.practice.slug}/billing`);
    const everything = `${mail?.subject} ${mail?.text} ${mail?.html}`;
    expect(everything).not.toMatch(/INV-7319|\$|150|Individual therapy|90834|invoice|statement|superbill/i);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['client_id', 'kind', 'details'])
      .where('action', '=', 'billing.portal_notified')
      .execute();
    expect(audit).toEqual([{ client_id: w.client.id, kind: 'billing', details: JSON.stringify({ outboxId }) }]);
  });

  it('is not sent while Access billing documents is off', async () => {
    const w = await messagingWorld(t);
    const off = await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: false,
      messaging: true,
      billing: false,
      pay: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(await notify(w.practice.id, w.client.id)).toBeNull();
    const queued = await t.deps.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'billing_document_available')
      .execute();
    expect(queued).toEqual([]);
  });

  it('is not sent to a client invited who has not signed in yet, nor to one without portal access', async () => {
    const w = await portalWorld(t.app, t.deps);
    expect(await notify(w.practice.id, w.client.id)).toBeNull();
    const invited = await invite(t.deps, w.staff, w.client.id, w.email.id);
    expect(invited.statusCode, invited.body).toBe(200);
    expect(await notify(w.practice.id, w.client.id)).toBeNull();
    const queued = await t.deps.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'billing_document_available')
      .execute();
    expect(queued).toEqual([]);
  });
});
