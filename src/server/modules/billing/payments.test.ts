import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { createInvoice, createPayment } from '../../../../test/factories/invoices.js';
import { createPractice, createStaff, type FactoryPractice } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type {
  ClientBalance,
  ClientPayments,
  Payment,
  PracticeAging,
} from '../../../shared/schemas/billing-payments.js';
import { systemContext } from '../../platform/request-context.js';
import { clientBalance, clientPaymentHistory } from './index.js';

// The test clock stands at 2026-03-02 15:00 UTC: 10:00 on 2 March in the practices' New York.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Fields {
  error: { code: string; fields?: { field: string; message: string }[] };
}
const fieldOf = (body: string) => (JSON.parse(body) as Fields).error.fields?.[0]?.field;

async function billingPractice(): Promise<{ practice: FactoryPractice; biller: Agent; clientId: string }> {
  const practice = await createPractice(t.deps);
  const billerRow = await createStaff(t.deps, practice.id, { roles: ['biller'] });
  const client = await createClient(t.deps, practice.id);
  return { practice, biller: await signInAs(t.app, billerRow.email), clientId: client.id };
}

const cash = (amountMinor: number, more: Record<string, unknown> = {}) => ({
  amountMinor,
  receivedOn: '2026-03-02',
  method: 'cash',
  reference: null,
  allocation: 'oldest',
  ...more,
});

async function paidOf(invoiceId: string): Promise<number> {
  const row = await t.deps.db
    .selectFrom('invoices')
    .select('paid_minor')
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return row.paid_minor;
}

async function actions(practiceId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('action', 'like', 'payment.%'), eb('action', 'like', 'billing.%')]))
    .execute();
  return rows.map((row) => row.action);
}

describe('recording a payment', () => {
  it('applies to the oldest open invoices by issue date then number, lists where it went and audits it', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const later = await createInvoice(t.deps, practice.id, clientId, { number: 'INV-0003', issueDate: '2026-02-01' });
    const second = await createInvoice(t.deps, practice.id, clientId, { number: 'INV-0002', issueDate: '2026-01-10' });
    const first = await createInvoice(t.deps, practice.id, clientId, { number: 'INV-0001', issueDate: '2026-01-10' });
    const response = await biller.post(
      `/api/clients/${clientId}/payments`,
      cash(20_000, { method: 'check', reference: 'Check 1042' }),
    );
    expect(response.statusCode).toBe(201);
    const payment = response.json<Payment>();
    expect(payment).toMatchObject({
      kind: 'payment',
      amountMinor: 20_000,
      method: 'check',
      reference: 'Check 1042',
      appliedMinor: 20_000,
      creditMinor: 0,
      applications: [
        { invoiceNumber: 'INV-0001', amountMinor: 15_000 },
        { invoiceNumber: 'INV-0002', amountMinor: 5_000 },
      ],
    });
    expect([await paidOf(first.id), await paidOf(second.id), await paidOf(later.id)]).toEqual([15_000, 5_000, 0]);
    const balance = (await biller.get(`/api/clients/${clientId}/balance`)).json<ClientBalance>();
    expect(balance).toMatchObject({ openMinor: 25_000, creditMinor: 0, balanceDueMinor: 25_000, currency: 'USD' });
    expect(balance.openInvoices.map((i) => [i.number, i.balanceMinor])).toEqual([
      ['INV-0002', 10_000],
      ['INV-0003', 15_000],
    ]);
    const listed = (await biller.get(`/api/clients/${clientId}/payments`)).json<ClientPayments>();
    expect(listed.items).toEqual([payment]);
    expect((await actions(practice.id)).sort()).toEqual([
      'billing.balance_viewed',
      'billing.payments_viewed',
      'payment.recorded',
    ]);
  });

  it('keeps an overpayment as credit only when asked, naming the amount otherwise', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const invoice = await createInvoice(t.deps, practice.id, clientId);
    const refused = await biller.post(`/api/clients/${clientId}/payments`, cash(20_000));
    expect(refused.statusCode).toBe(400);
    expect(fieldOf(refused.body)).toBe('amountMinor');
    expect(await paidOf(invoice.id)).toBe(0);
    const kept = await biller.post(`/api/clients/${clientId}/payments`, cash(20_000, { keepCreditRemainder: true }));
    expect(kept.statusCode).toBe(201);
    expect(kept.json<Payment>()).toMatchObject({ appliedMinor: 15_000, creditMinor: 5_000 });
    const balance = (await biller.get(`/api/clients/${clientId}/balance`)).json<ClientBalance>();
    expect(balance).toMatchObject({ openMinor: 0, creditMinor: 5_000, balanceDueMinor: -5_000, openInvoices: [] });
  });

  it('applies to chosen invoices with amounts: never a void one, never more than one owes, another client’s not found', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const older = await createInvoice(t.deps, practice.id, clientId, { issueDate: '2026-01-05' });
    const newer = await createInvoice(t.deps, practice.id, clientId, { issueDate: '2026-02-05' });
    const voided = await createInvoice(t.deps, practice.id, clientId, { voidedAt: '2026-02-10T10:00:00.000Z' });
    const other = await createClient(t.deps, practice.id);
    const othersInvoice = await createInvoice(t.deps, practice.id, other.id);
    const elsewhere = await createPractice(t.deps);
    const foreignClient = await createClient(t.deps, elsewhere.id);
    const foreignInvoice = await createInvoice(t.deps, elsewhere.id, foreignClient.id);
    const chosen = (invoices: { invoiceId: string; amountMinor: number }[], amount = 6_000) =>
      biller.post(`/api/clients/${clientId}/payments`, cash(amount, { allocation: 'chosen', invoices }));

    for (const invoiceId of [othersInvoice.id, foreignInvoice.id]) {
      expect((await chosen([{ invoiceId, amountMinor: 6_000 }])).statusCode).toBe(404);
    }
    const onVoid = await chosen([{ invoiceId: voided.id, amountMinor: 6_000 }]);
    expect([onVoid.statusCode, fieldOf(onVoid.body)]).toEqual([400, 'invoices.0.invoiceId']);
    const tooMuch = await chosen([{ invoiceId: newer.id, amountMinor: 15_001 }], 20_000);
    expect([tooMuch.statusCode, fieldOf(tooMuch.body)]).toEqual([400, 'invoices.0.amountMinor']);
    const overPayment = await chosen([
      { invoiceId: newer.id, amountMinor: 4_000 },
      { invoiceId: older.id, amountMinor: 4_000 },
    ]);
    expect([overPayment.statusCode, fieldOf(overPayment.body)]).toEqual([400, 'invoices']);
    const short = await chosen([{ invoiceId: newer.id, amountMinor: 5_000 }]);
    expect([short.statusCode, fieldOf(short.body)]).toEqual([400, 'amountMinor']);

    const done = await chosen([{ invoiceId: newer.id, amountMinor: 6_000 }]);
    expect(done.statusCode).toBe(201);
    expect([await paidOf(older.id), await paidOf(newer.id), await paidOf(othersInvoice.id)]).toEqual([0, 6_000, 0]);
  });

  it('refuses bad input naming the field', async () => {
    const { biller, clientId } = await billingPractice();
    const cases: [Record<string, unknown>, string][] = [
      [cash(-100), 'amountMinor'],
      [cash(12.5), 'amountMinor'],
      [cash(0), 'amountMinor'],
      [cash(100, { method: 'online' }), 'method'],
      [cash(100, { receivedOn: '2026-03-03' }), 'receivedOn'],
      [cash(100, { receivedOn: '2026-02-30' }), 'receivedOn'],
      [cash(100, { allocation: 'chosen' }), 'invoices'],
      [
        cash(100, { invoices: [{ invoiceId: crypto.randomUUID(), amountMinor: -1 }], allocation: 'chosen' }),
        'invoices.0.amountMinor',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await biller.post(`/api/clients/${clientId}/payments`, { keepCreditRemainder: true, ...body });
      expect([response.statusCode, fieldOf(response.body)], JSON.stringify(body)).toEqual([400, field]);
    }
    // Today in the practice's zone is accepted.
    const today = await biller.post(`/api/clients/${clientId}/payments`, cash(100, { keepCreditRemainder: true }));
    expect(today.statusCode).toBe(201);
  });
});

describe('credit and refunds', () => {
  it('applies credit later to the oldest open invoices, across payments, and says when there is nothing to apply', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const nothing = await biller.post(`/api/clients/${clientId}/credit/apply`, { allocation: 'oldest' });
    expect(nothing.statusCode).toBe(409);
    for (const amount of [4_000, 7_000]) {
      await biller.post(`/api/clients/${clientId}/payments`, cash(amount, { keepCreditRemainder: true }));
    }
    const invoice = await createInvoice(t.deps, practice.id, clientId, { issueDate: '2026-02-20' });
    const applied = await biller.post(`/api/clients/${clientId}/credit/apply`, { allocation: 'oldest' });
    expect(applied.json()).toEqual({ appliedMinor: 11_000 });
    expect(await paidOf(invoice.id)).toBe(11_000);
    const payments = (await biller.get(`/api/clients/${clientId}/payments`)).json<ClientPayments>().items;
    expect(payments.map((p) => [p.amountMinor, p.creditMinor, p.applications.map((a) => a.amountMinor)])).toEqual(
      expect.arrayContaining([
        [4_000, 0, [4_000]],
        [7_000, 0, [7_000]],
      ]),
    );
    expect((await biller.post(`/api/clients/${clientId}/credit/apply`, { allocation: 'oldest' })).statusCode).toBe(409);
    expect(await actions(practice.id)).toContain('payment.applied');
  });

  it('applies credit to a chosen invoice, no more than the credit', async () => {
    const { practice, biller, clientId } = await billingPractice();
    await biller.post(`/api/clients/${clientId}/payments`, cash(5_000, { keepCreditRemainder: true }));
    await createInvoice(t.deps, practice.id, clientId, { issueDate: '2026-01-01' });
    const chosen = await createInvoice(t.deps, practice.id, clientId, { issueDate: '2026-02-01' });
    const tooMuch = await biller.post(`/api/clients/${clientId}/credit/apply`, {
      allocation: 'chosen',
      invoices: [{ invoiceId: chosen.id, amountMinor: 5_001 }],
    });
    expect([tooMuch.statusCode, fieldOf(tooMuch.body)]).toEqual([400, 'invoices']);
    const ok = await biller.post(`/api/clients/${clientId}/credit/apply`, {
      allocation: 'chosen',
      invoices: [{ invoiceId: chosen.id, amountMinor: 3_000 }],
    });
    expect(ok.json()).toEqual({ appliedMinor: 3_000 });
    expect(await paidOf(chosen.id)).toBe(3_000);
  });

  it('refunds from a payment’s credit: a refund row pointing at it, never more than the credit', async () => {
    const { practice, biller, clientId } = await billingPractice();
    await createInvoice(t.deps, practice.id, clientId, { issueDate: '2026-02-01' });
    const paid = (
      await biller.post(`/api/clients/${clientId}/payments`, cash(20_000, { keepCreditRemainder: true }))
    ).json<Payment>();
    const url = `/api/clients/${clientId}/payments/${paid.id}/refunds`;
    const body = { amountMinor: 3_000, refundedOn: '2026-03-02', method: 'card', reference: 'Refund R-7' };
    const over = await biller.post(url, { ...body, amountMinor: 5_001 });
    expect([over.statusCode, fieldOf(over.body)]).toEqual([400, 'amountMinor']);
    const refund = await biller.post(url, body);
    expect(refund.statusCode).toBe(201);
    const before = await biller.post(url, { ...body, refundedOn: '2026-03-01' });
    expect([before.statusCode, fieldOf(before.body)]).toEqual([400, 'refundedOn']);
    expect(refund.json<Payment>()).toMatchObject({ kind: 'refund', refundOfPaymentId: paid.id, amountMinor: 3_000 });
    const list = (await biller.get(`/api/clients/${clientId}/payments`)).json<ClientPayments>().items;
    expect(list.find((p) => p.id === paid.id)).toMatchObject({ refundedMinor: 3_000, creditMinor: 2_000 });
    const balance = (await biller.get(`/api/clients/${clientId}/balance`)).json<ClientBalance>();
    expect(balance.creditMinor).toBe(2_000);
    // A refund is no payment to refund, and another client's payment is not found.
    const refundId = refund.json<Payment>().id;
    expect((await biller.post(`/api/clients/${clientId}/payments/${refundId}/refunds`, body)).statusCode).toBe(404);
    const other = await createClient(t.deps, practice.id);
    expect((await biller.post(`/api/clients/${other.id}/payments/${paid.id}/refunds`, body)).statusCode).toBe(404);
    expect(await actions(practice.id)).toContain('payment.refunded');
  });
});

describe('races', () => {
  it('two payments racing for the last 50 of an invoice never overpay it', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const invoice = await createInvoice(t.deps, practice.id, clientId, { paidMinor: 10_000 });
    const answers = await Promise.all([
      biller.post(`/api/clients/${clientId}/payments`, cash(5_000)),
      biller.post(`/api/clients/${clientId}/payments`, cash(5_000)),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    expect(await paidOf(invoice.id)).toBe(15_000);
    const payments = await t.deps.db.selectFrom('payments').selectAll().where('client_id', '=', clientId).execute();
    expect(payments).toHaveLength(1);
  });

  it('two chosen payments racing for one invoice never overpay it', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const invoice = await createInvoice(t.deps, practice.id, clientId, { paidMinor: 10_000 });
    const body = cash(5_000, { allocation: 'chosen', invoices: [{ invoiceId: invoice.id, amountMinor: 5_000 }] });
    const answers = await Promise.all([
      biller.post(`/api/clients/${clientId}/payments`, body),
      biller.post(`/api/clients/${clientId}/payments`, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    expect(await paidOf(invoice.id)).toBe(15_000);
  });

  it('two refunds racing for one credit never exceed it', async () => {
    const { practice, biller, clientId } = await billingPractice();
    const { id } = await createPayment(t.deps, practice.id, clientId, {
      amountMinor: 10_000,
      receivedOn: '2026-03-01',
    });
    const body = { amountMinor: 7_000, refundedOn: '2026-03-02', method: 'cash', reference: null };
    const answers = await Promise.all([
      biller.post(`/api/clients/${clientId}/payments/${id}/refunds`, body),
      biller.post(`/api/clients/${clientId}/payments/${id}/refunds`, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    const row = await t.deps.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.refunded_minor).toBe(7_000);
  });
});

describe('balance and aging', () => {
  it('buckets open balances by days past the issue date, today in the practice’s zone', async () => {
    const { practice, biller, clientId } = await billingPractice();
    // 2 March: 30 days back is 31 January, 60 is 1 January, 90 is 2 December.
    for (const issueDate of [
      '2026-03-02',
      '2026-01-31',
      '2026-01-30',
      '2026-01-01',
      '2025-12-31',
      '2025-12-02',
      '2025-12-01',
    ]) {
      await createInvoice(t.deps, practice.id, clientId, { issueDate });
    }
    await createInvoice(t.deps, practice.id, clientId, { issueDate: '2025-06-01', paidMinor: 15_000 });
    await createInvoice(t.deps, practice.id, clientId, {
      issueDate: '2025-06-01',
      voidedAt: '2025-06-02T00:00:00.000Z',
    });
    await createPayment(t.deps, practice.id, clientId, { amountMinor: 1_000 });
    const balance = (await biller.get(`/api/clients/${clientId}/balance`)).json<ClientBalance>();
    expect(balance).toMatchObject({
      asOf: '2026-03-02',
      openMinor: 105_000,
      creditMinor: 1_000,
      balanceDueMinor: 104_000,
      aging: { currentMinor: 30_000, days31to60Minor: 30_000, days61to90Minor: 30_000, over90Minor: 15_000 },
    });
    expect(balance.openInvoices).toHaveLength(7);
  });

  it('counts today in the practice’s zone: the same instant is another day in Tokyo', async () => {
    const practice = await createPractice(t.deps, { timeZone: 'Asia/Tokyo' });
    const client = await createClient(t.deps, practice.id);
    // 15:00 UTC on 2 March is 00:00 on 3 March in Tokyo: 1 February is then 30 days back, still current.
    await createInvoice(t.deps, practice.id, client.id, { issueDate: '2026-02-01' });
    const balance = await clientBalance(systemContext(t.deps, practice.id), client.id);
    expect(balance.asOf).toBe('2026-03-03');
    expect(balance.aging.currentMinor).toBe(15_000);
  });

  it('lists the practice’s clients with a balance or credit, totals per bucket, sorted and paginated', async () => {
    const { practice, biller } = await billingPractice();
    const clients = await Promise.all(
      ['Ada', 'Bo', 'Cy', 'Di'].map((firstName) => createClient(t.deps, practice.id, { firstName, lastName: 'Aging' })),
    );
    const [ada, bo, cy, di] = clients.map((c) => c.id) as [string, string, string, string];
    await createInvoice(t.deps, practice.id, ada, { issueDate: '2026-02-25' });
    await createInvoice(t.deps, practice.id, bo, { issueDate: '2025-10-01' });
    await createInvoice(t.deps, practice.id, bo, { issueDate: '2026-01-15' });
    await createPayment(t.deps, practice.id, cy, { amountMinor: 2_500 });
    await createInvoice(t.deps, practice.id, di, { issueDate: '2026-01-15', paidMinor: 15_000 });
    const aging = (await biller.get('/api/billing/aging')).json<PracticeAging>();
    expect(aging.totals).toEqual({
      openMinor: 45_000,
      creditMinor: 2_500,
      balanceDueMinor: 42_500,
      currentMinor: 15_000,
      days31to60Minor: 15_000,
      days61to90Minor: 0,
      over90Minor: 15_000,
    });
    expect(aging.total).toBe(3);
    expect(aging.clients.map((c) => [c.name, c.balanceDueMinor])).toEqual([
      ['Bo Aging', 30_000],
      ['Ada Aging', 15_000],
      ['Cy Aging', -2_500],
    ]);
    const ascending = (await biller.get('/api/billing/aging?sort=balance_asc&pageSize=2&page=1')).json<PracticeAging>();
    expect(ascending.clients.map((c) => c.name)).toEqual(['Cy Aging', 'Ada Aging']);
    const second = (await biller.get('/api/billing/aging?sort=name&pageSize=2&page=2')).json<PracticeAging>();
    expect([second.clients.map((c) => c.name), second.total]).toEqual([['Cy Aging'], 3]);
    const bad = await biller.get('/api/billing/aging?sort=amount');
    expect([bad.statusCode, fieldOf(bad.body)]).toEqual([400, 'sort']);
    expect(await actions(practice.id)).toContain('billing.aging_viewed');
  });

  it('shows a clinician only their clients; a scheduler none; a clinician reads but does not record', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const scheduler = await createStaff(t.deps, practice.id, { roles: ['scheduler'] });
    const mine = await createClient(t.deps, practice.id, {}, { clinicians: { primaryId: clinician.id, otherIds: [] } });
    const theirs = await createClient(t.deps, practice.id);
    await createInvoice(t.deps, practice.id, mine.id);
    await createInvoice(t.deps, practice.id, theirs.id);
    const asClinician = await signInAs(t.app, clinician.email);
    const aging = (await asClinician.get('/api/billing/aging')).json<PracticeAging>();
    expect(aging.clients.map((c) => c.clientId)).toEqual([mine.id]);
    expect(aging.totals.openMinor).toBe(15_000);
    expect((await asClinician.get(`/api/clients/${mine.id}/balance`)).statusCode).toBe(200);
    expect((await asClinician.get(`/api/clients/${theirs.id}/balance`)).statusCode).toBe(404);
    expect((await asClinician.post(`/api/clients/${mine.id}/payments`, cash(100))).statusCode).toBe(403);
    const asScheduler = await signInAs(t.app, scheduler.email);
    expect((await asScheduler.get('/api/billing/aging')).statusCode).toBe(403);
    expect((await asScheduler.get(`/api/clients/${mine.id}/balance`)).statusCode).toBe(403);
  });

  it('gives the portal the client’s balance and history from a plain context of the practice', async () => {
    const { practice, biller, clientId } = await billingPractice();
    await createInvoice(t.deps, practice.id, clientId);
    await biller.post(`/api/clients/${clientId}/payments`, cash(5_000));
    const ctx = systemContext(t.deps, practice.id);
    expect((await clientBalance(ctx, clientId)).balanceDueMinor).toBe(10_000);
    const history = await clientPaymentHistory(ctx, clientId);
    expect(history.map((p) => [p.amountMinor, p.applications.length])).toEqual([[5_000, 1]]);
    const other = await createPractice(t.deps);
    expect(await clientPaymentHistory(systemContext(t.deps, other.id), clientId)).toEqual([]);
  });
});
