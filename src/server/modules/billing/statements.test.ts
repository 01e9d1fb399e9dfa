import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientBilling } from '../../../../test/factories/billing.js';
import { createClient } from '../../../../test/factories/clients.js';
import { billedLineOf, createInvoice, createPayment, createRefund } from '../../../../test/factories/invoices.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { billingSettingsBody } from '../../../../test/helpers/billing.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { messagingWorld } from '../../../../test/helpers/messages.js';
import { readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { BillingDocumentSummary, StatementSnapshot } from '../../../shared/schemas/billing-documents.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Fields {
  error: { code: string; fields: { field: string; message: string }[] };
}

async function snapshotOf(id: string): Promise<StatementSnapshot> {
  const row = await t.deps.db
    .selectFrom('billing_documents')
    .select('snapshot')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.snapshot) as StatementSnapshot;
}

async function actions(practiceId: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'kind'])
    .where('practice_id', '=', practiceId)
    .where('action', 'like', 'statement.%')
    .execute();
  return rows.map((r) => `${r.kind}:${r.action}`).sort();
}

/**
 * February 2026, with something on each side of both edges: an invoice issued on the first and
 * one on the last day, one the day after; a payment the day before the start, on the last day and
 * the day after; a refund in the range; void invoices before and inside it.
 */
async function februaryLedger() {
  const practice = await createPractice(t.deps);
  const owner = await signInAs(t.app, practice.owner.email);
  expect((await owner.put('/api/settings/billing', billingSettingsBody())).statusCode).toBe(200);
  const client = await createClient(t.deps, practice.id, { firstName: 'Ana', lastName: 'Ruiz' });
  await createClientBilling(t.deps, practice.id, client.id);
  const at = (issueDate: string, feeMinor: number, voidedAt: string | null = null) =>
    createInvoice(t.deps, practice.id, client.id, {
      issueDate,
      lines: [billedLineOf({ dateOfService: issueDate, feeMinor })],
      voidedAt,
    });
  const january = await at('2026-01-15', 15_000);
  await at('2026-01-10', 50_000, '2026-01-11T12:00:00.000Z');
  const first = await at('2026-02-01', 15_000);
  await at('2026-02-28', 20_000);
  await at('2026-02-10', 99_000, '2026-02-11T12:00:00.000Z');
  await at('2026-03-01', 9_000);
  await createPayment(t.deps, practice.id, client.id, {
    amountMinor: 10_000,
    receivedOn: '2026-01-20',
    applications: [{ invoiceId: january.id, amountMinor: 10_000 }],
  });
  await createPayment(t.deps, practice.id, client.id, { amountMinor: 2_500, receivedOn: '2026-01-31' });
  const big = await createPayment(t.deps, practice.id, client.id, {
    amountMinor: 30_000,
    receivedOn: '2026-02-28',
    method: 'check',
    reference: '#1042',
    applications: [{ invoiceId: first.id, amountMinor: 15_000 }],
  });
  await createRefund(t.deps, practice.id, client.id, big.id, { amountMinor: 4_000, receivedOn: '2026-02-28' });
  await createPayment(t.deps, practice.id, client.id, { amountMinor: 7_000, receivedOn: '2026-03-01' });
  return { practice, owner, client };
}

describe('statements', () => {
  it('carries what was owed before the range, what was invoiced and received in it, and what is owed at its end', async () => {
    const { practice, owner, client } = await februaryLedger();
    const created = await owner.post(`/api/clients/${client.id}/statements`, {
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
    });
    expect(created.statusCode, created.body).toBe(201);
    const summary = created.json<BillingDocumentSummary>();
    // Before: $150 invoiced less $100 and $25 received = $25. In: $150 + $200 invoiced, $300 less
    // a $40 refund received. End: 25 + 350 − 260 = $115. Void invoices count nowhere.
    expect(summary).toMatchObject({
      kind: 'statement',
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      totalMinor: 11_500,
    });
    const snapshot = await snapshotOf(summary.id);
    expect(snapshot).toMatchObject({
      beginningBalanceMinor: 2_500,
      invoicedMinor: 35_000,
      receivedMinor: 26_000,
      endingBalanceMinor: 11_500,
      currency: 'USD',
    });
    expect(snapshot.invoices.map((i) => [i.issueDate, i.totalMinor])).toEqual([
      ['2026-02-01', 15_000],
      ['2026-02-28', 20_000],
    ]);
    expect(snapshot.payments.map((p) => [p.receivedOn, p.kind, p.amountMinor])).toEqual([
      ['2026-02-28', 'payment', 30_000],
      ['2026-02-28', 'refund', 4_000],
    ]);
    expect(snapshot.provider).toMatchObject({
      legalName: 'Harbour Counselling LLC',
      taxId: '12-3456789',
      clinician: null,
    });
    expect(snapshot.client).toMatchObject({ name: 'Ana Ruiz', memberId: 'BHH-4471902' });

    const list = await owner.get(`/api/clients/${client.id}/statements`);
    expect(list.json<BillingDocumentSummary[]>().map((d) => d.id)).toEqual([summary.id]);
    const pdf = await owner.get(`/api/clients/${client.id}/statements/${summary.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('attachment;');
    const words = await readPdfWords(pdf.rawPayload);
    for (const text of [
      'STATEMENT',
      'Harbour Counselling LLC',
      'Tax ID 12-3456789',
      'Ana Ruiz',
      '$25.00',
      '$350.00',
      '$115.00',
      '#1042',
    ])
      expect(words).toContain(text);
    // The superbill route does not hand out a statement.
    expect((await owner.get(`/api/clients/${client.id}/superbills/${summary.id}/pdf`)).statusCode).toBe(404);
    expect(await actions(practice.id)).toEqual([
      'billing:statement.created',
      'billing:statement.downloaded',
      'billing:statement.viewed',
    ]);
  });

  it('gives a credit as a negative balance, and a range before anything as all zero', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    await createInvoice(t.deps, practice.id, client.id, { issueDate: '2026-05-04' });
    await createPayment(t.deps, practice.id, client.id, { amountMinor: 20_000, receivedOn: '2026-05-02' });
    const credit = await owner.post(`/api/clients/${client.id}/statements`, {
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
    });
    expect(credit.json<BillingDocumentSummary>().totalMinor).toBe(-5_000);
    const pdf = await owner.get(`/api/clients/${client.id}/statements/${credit.json<BillingDocumentSummary>().id}/pdf`);
    expect(await readPdfWords(pdf.rawPayload)).toContain('Credit on May 31, 2026 $50.00');
    const empty = await owner.post(`/api/clients/${client.id}/statements`, {
      periodStart: '2025-01-01',
      periodEnd: '2025-01-31',
    });
    expect(await snapshotOf(empty.json<BillingDocumentSummary>().id)).toMatchObject({
      beginningBalanceMinor: 0,
      invoicedMinor: 0,
      receivedMinor: 0,
      endingBalanceMinor: 0,
    });
  });

  it('keeps the document as issued: a later payment changes the next statement, not this one', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    await createInvoice(t.deps, practice.id, client.id, { issueDate: '2026-04-04' });
    const body = { periodStart: '2026-04-01', periodEnd: '2026-04-30' };
    const first = (await owner.post(`/api/clients/${client.id}/statements`, body)).json<BillingDocumentSummary>();
    const before = (await owner.get(`/api/clients/${client.id}/statements/${first.id}/pdf`)).rawPayload;
    await createPayment(t.deps, practice.id, client.id, { amountMinor: 15_000, receivedOn: '2026-04-20' });
    const again = (await owner.get(`/api/clients/${client.id}/statements/${first.id}/pdf`)).rawPayload;
    expect(Buffer.compare(before, again)).toBe(0);
    const second = (await owner.post(`/api/clients/${client.id}/statements`, body)).json<BillingDocumentSummary>();
    expect([first.totalMinor, second.totalMinor]).toEqual([15_000, 0]);
  });

  it('refuses a backwards range or one over 24 months naming periodEnd, and a bad date naming it', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    const post = (body: unknown) => owner.post(`/api/clients/${client.id}/statements`, body);
    for (const [body, field] of [
      [{ periodStart: '2026-03-02', periodEnd: '2026-03-01' }, 'periodEnd'],
      [{ periodStart: '2024-03-01', periodEnd: '2026-03-01' }, 'periodEnd'],
      [{ periodStart: '2026-02-30', periodEnd: '2026-03-01' }, 'periodStart'],
    ] as const) {
      const answer = await post(body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      const error = answer.json<Fields>().error;
      expect(error.code).toBe('validation_failed');
      expect(error.fields.map((f) => f.field)).toEqual([field]);
    }
    expect((await post({ periodStart: '2024-03-01', periodEnd: '2026-02-28' })).statusCode).toBe(201);
  });

  it('lets owners and billers create; the client’s clinician reads and downloads; another clinician finds nothing', async () => {
    const practice = await createPractice(t.deps);
    const biller = await createStaff(t.deps, practice.id, { roles: ['biller'] });
    const mine = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const other = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const client = await createClient(t.deps, practice.id, {}, { clinicians: { primaryId: mine.id, otherIds: [] } });
    const body = { periodStart: '2026-04-01', periodEnd: '2026-04-30' };
    const byBiller = await (await signInAs(t.app, biller.email)).post(`/api/clients/${client.id}/statements`, body);
    expect(byBiller.statusCode).toBe(201);
    const id = byBiller.json<BillingDocumentSummary>().id;
    const clinician = await signInAs(t.app, mine.email);
    expect((await clinician.post(`/api/clients/${client.id}/statements`, body)).statusCode).toBe(403);
    expect((await clinician.get(`/api/clients/${client.id}/statements`)).statusCode).toBe(200);
    expect((await clinician.get(`/api/clients/${client.id}/statements/${id}/pdf`)).statusCode).toBe(200);
    const stranger = await signInAs(t.app, other.email);
    expect((await stranger.get(`/api/clients/${client.id}/statements`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/clients/${client.id}/statements/${id}/pdf`)).statusCode).toBe(404);
  });

  it('tells a client who may open billing documents in the portal that a new one is there, once per document', async () => {
    const w = await messagingWorld(t);
    const body = { periodStart: '2026-02-01', periodEnd: '2026-02-28' };
    expect((await w.staff.post(`/api/clients/${w.client.id}/statements`, body)).statusCode).toBe(201);
    expect((await w.staff.post(`/api/clients/${w.client.id}/superbills`, body)).statusCode).toBe(201);
    const queued = await t.deps.db
      .selectFrom('outbox')
      .select('client_id')
      .where('kind', '=', 'billing_document_available')
      .execute();
    expect(queued).toEqual([{ client_id: w.client.id }, { client_id: w.client.id }]);
  });
});
