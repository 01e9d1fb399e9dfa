import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBillingDocument } from '../../../../test/factories/billing-documents.js';
import { createClient } from '../../../../test/factories/clients.js';
import { billedLineOf, createInvoice, createPayment } from '../../../../test/factories/invoices.js';
import { messagingWorld } from '../../../../test/helpers/messages.js';
import { readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { PortalBalances, PortalBilling } from '../../../shared/schemas/portal-billing.js';
import { newId } from '../../platform/tokens.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

type World = Awaited<ReturnType<typeof messagingWorld>>;

/** A refund of part of a payment, as the payments' own code records it (the payment's refunded amount too). */
async function refund(w: World, paymentId: string, amountMinor: number, receivedOn: string) {
  await t.deps.db
    .insertInto('payments')
    .values({
      id: newId(),
      practice_id: w.practice.id,
      client_id: w.client.id,
      kind: 'refund',
      refund_of_payment_id: paymentId,
      amount_minor: amountMinor,
      currency: 'USD',
      received_on: receivedOn,
      method: 'cash',
      reference: null,
      applied_minor: 0,
      refunded_minor: 0,
      created_at: t.deps.clock.now().toISOString(),
      created_by: null,
    })
    .execute();
  await t.deps.db
    .updateTable('payments')
    .set((eb) => ({ refunded_minor: eb('refunded_minor', '+', amountMinor) }))
    .where('id', '=', paymentId)
    .execute();
}

async function portalAudit(action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['actor_type', 'actor_id', 'client_id', 'kind', 'details'])
    .where('action', '=', action)
    .execute();
}

const billingUrl = (w: World) => `/api/portal/${w.practice.slug}/billing`;

describe("the client's Billing in the portal", () => {
  it('lists invoices with status and corrections, statements and superbills, payments and refunds, and the balance', async () => {
    const w = await messagingWorld(t);
    const { practice, client } = w;
    const voided = await createInvoice(t.deps, practice.id, client.id, {
      number: 'INV-0001',
      issueDate: '2026-03-02',
      voidedAt: '2026-03-03T10:00:00.000Z',
    });
    const replacement = await createInvoice(t.deps, practice.id, client.id, {
      number: 'INV-0002',
      issueDate: '2026-03-03',
      replacesInvoiceId: voided.id,
      lines: [billedLineOf({ feeMinor: 12_000 }), billedLineOf({ dateOfService: '2026-03-09', feeMinor: 8_000 })],
    });
    const paid = await createInvoice(t.deps, practice.id, client.id, { number: 'INV-0003', issueDate: '2026-04-01' });
    // $150 pays INV-0003, $50 goes onto INV-0002 and $30 stays as credit, of which $10 is refunded.
    const payment = await createPayment(t.deps, practice.id, client.id, {
      amountMinor: 23_000,
      receivedOn: '2026-04-02',
      method: 'check',
      applications: [
        { invoiceId: paid.id, amountMinor: 15_000 },
        { invoiceId: replacement.id, amountMinor: 5_000 },
      ],
    });
    await refund(w, payment.id, 1_000, '2026-04-05');
    const statementId = newId();
    await t.deps.db
      .insertInto('billing_documents')
      .values({
        id: statementId,
        practice_id: practice.id,
        client_id: client.id,
        kind: 'statement',
        period_start: '2026-03-01',
        period_end: '2026-03-31',
        currency: 'USD',
        snapshot: '{}',
        created_at: '2026-04-01T09:00:00.000Z',
        created_by: null,
      })
      .execute();
    // Another client's invoice and payment of the same practice are nowhere in the answer.
    const other = await createClient(t.deps, practice.id, { firstName: 'Other' });
    const othersInvoice = await createInvoice(t.deps, practice.id, other.id, { number: 'INV-0099' });
    await createPayment(t.deps, practice.id, other.id, { amountMinor: 77_700 });

    const response = await w.clientAgent.get(billingUrl(w));
    expect(response.statusCode, response.body).toBe(200);
    const billing = response.json<PortalBilling>();
    // Open: INV-0002's $200 − $50 = $150; credit $230 − $200 applied − $10 refunded = $20.
    expect(billing.balances).toEqual([{ currency: 'USD', dueMinor: 13_000, creditMinor: 0 }]);
    expect(billing.invoices.map((i) => [i.number, i.status, i.totalMinor, i.paidMinor, i.balanceMinor])).toEqual([
      ['INV-0003', 'paid', 15_000, 15_000, 0],
      ['INV-0002', 'open', 20_000, 5_000, 15_000],
      ['INV-0001', 'void', 15_000, 0, 0],
    ]);
    expect(billing.invoices[1]).toMatchObject({ replacesNumber: 'INV-0001', replacedByNumber: null });
    expect(billing.invoices[2]).toMatchObject({ replacesNumber: null, replacedByNumber: 'INV-0002' });
    expect(billing.invoices[1]).toMatchObject({ issueDate: '2026-03-03', dueDate: '2026-04-02', currency: 'USD' });
    expect(billing.documents).toEqual([
      {
        id: statementId,
        kind: 'statement',
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        createdAt: '2026-04-01T09:00:00.000Z',
      },
    ]);
    expect(billing.payments.map((p) => [p.kind, p.receivedOn, p.method, p.amountMinor])).toEqual([
      ['refund', '2026-04-05', 'cash', 1_000],
      ['payment', '2026-04-02', 'check', 23_000],
    ]);
    expect(response.body).not.toContain(othersInvoice.id);
    expect(response.body).not.toContain('INV-0099');
    expect(response.body).not.toContain('77700');

    expect(await portalAudit('billing.portal_viewed')).toEqual([
      {
        actor_type: 'client',
        actor_id: client.id,
        client_id: client.id,
        kind: 'billing',
        details: JSON.stringify({ invoices: 3, documents: 1, payments: 2 }),
      },
    ]);
  });

  it("answers Home's balance: what open invoices ask less credit, credit left over, and zero in the practice's currency", async () => {
    const w = await messagingWorld(t);
    const { practice, client } = w;
    const balance = async () => {
      const response = await w.clientAgent.get(`${billingUrl(w)}/balance`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<PortalBalances>().balances;
    };
    expect(await balance()).toEqual([{ currency: 'USD', dueMinor: 0, creditMinor: 0 }]);

    const invoice = await createInvoice(t.deps, practice.id, client.id, {
      lines: [billedLineOf({ feeMinor: 15_000 }), billedLineOf({ feeMinor: 2_550 })],
    });
    await createInvoice(t.deps, practice.id, client.id, { voidedAt: '2026-03-04T00:00:00.000Z' });
    expect(await balance()).toEqual([{ currency: 'USD', dueMinor: 17_550, creditMinor: 0 }]);

    await createPayment(t.deps, practice.id, client.id, {
      amountMinor: 5_000,
      applications: [{ invoiceId: invoice.id, amountMinor: 5_000 }],
    });
    await createPayment(t.deps, practice.id, client.id, { amountMinor: 2_550 });
    expect(await balance()).toEqual([{ currency: 'USD', dueMinor: 10_000, creditMinor: 0 }]);

    await createPayment(t.deps, practice.id, client.id, { amountMinor: 12_000 });
    expect(await balance()).toEqual([{ currency: 'USD', dueMinor: 0, creditMinor: 2_000 }]);

    const audited = await portalAudit('billing.portal_balance_viewed');
    expect(audited).toHaveLength(4);
    expect(audited[0]).toMatchObject({ actor_type: 'client', client_id: client.id, kind: 'billing' });
  });

  it('answers 403 billing_off while Access billing documents is off, and audits nothing', async () => {
    const w = await messagingWorld(t);
    await createInvoice(t.deps, w.practice.id, w.client.id, { number: 'INV-0042' });
    const off = await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: false,
      messaging: true,
      billing: false,
      pay: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    for (const url of [billingUrl(w), `${billingUrl(w)}/balance`]) {
      const response = await w.clientAgent.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden', reason: 'billing_off' } });
      expect(response.body).not.toContain('INV-0042');
    }
    expect(await portalAudit('billing.portal_viewed')).toEqual([]);
    expect(await portalAudit('billing.portal_balance_viewed')).toEqual([]);
  });

  it('turns away a visitor who is not signed in', async () => {
    const w = await messagingWorld(t);
    const response = await t.app.inject({ method: 'GET', url: billingUrl(w) });
    expect(response.statusCode).toBe(401);
  });
});

describe("the client's statements and superbills in the portal", () => {
  it("downloads the client's own statement and superbill, audited, and not another client's", async () => {
    const w = await messagingWorld(t);
    const { practice, client } = w;
    await createInvoice(t.deps, practice.id, client.id, {
      number: 'INV-0417',
      lines: [billedLineOf({ feeMinor: 15_000 }), billedLineOf({ description: 'Family session', feeMinor: 9_000 })],
    });
    const statement = await createBillingDocument(t.deps, practice.id, client.id, 'statement');
    const superbill = await createBillingDocument(t.deps, practice.id, client.id, 'superbill');
    for (const id of [statement.id, superbill.id]) {
      const document = await w.clientAgent.get(`${billingUrl(w)}/documents/${id}/pdf`);
      expect(document.statusCode, document.body).toBe(200);
      expect(document.headers['content-type']).toBe('application/pdf');
      expect(document.headers['content-disposition']).toContain('attachment');
      const words = await readPdfWords(document.rawPayload);
      expect(words).toContain(client.lastName);
      expect(words).toMatch(id === statement.id ? /STATEMENT/i : /SUPERBILL/i);
    }
    const downloads = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'client_id'])
      .where('actor_type', '=', 'client')
      .where('action', 'in', ['statement.downloaded', 'superbill.downloaded'])
      .orderBy('action')
      .execute();
    expect(downloads.map((row) => [row.action, row.client_id])).toEqual([
      ['statement.downloaded', client.id],
      ['superbill.downloaded', client.id],
    ]);

    // Another client's statement: not found, exactly as an id that does not exist.
    const other = await createClient(t.deps, practice.id, { firstName: 'Other' });
    const othersStatement = await createBillingDocument(t.deps, practice.id, other.id, 'statement');
    const missing = await w.clientAgent.get(`${billingUrl(w)}/documents/${newId()}/pdf`);
    expect(missing.statusCode).toBe(404);
    const refused = await w.clientAgent.get(`${billingUrl(w)}/documents/${othersStatement.id}/pdf`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toBe(missing.body);
  });
});

describe("the client's invoices in the portal", () => {
  async function invoiceDownloads() {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'client_id', 'details'])
      .where('action', '=', 'invoice.downloaded')
      .execute();
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details ?? 'null') as unknown }));
  }

  it("downloads the client's own invoice, a void one too, each audited once as the client's download", async () => {
    const w = await messagingWorld(t);
    const { practice, client } = w;
    const invoice = await createInvoice(t.deps, practice.id, client.id, {
      number: 'INV-0417',
      lines: [billedLineOf({ feeMinor: 15_000 }), billedLineOf({ description: 'Family session', feeMinor: 9_000 })],
    });
    await createPayment(t.deps, practice.id, client.id, {
      amountMinor: 4_000,
      applications: [{ invoiceId: invoice.id, amountMinor: 4_000 }],
    });
    const voided = await createInvoice(t.deps, practice.id, client.id, {
      number: 'INV-0416',
      voidedAt: '2026-02-03T15:00:00.000Z',
    });

    const download = await w.clientAgent.get(`${billingUrl(w)}/invoices/${invoice.id}/pdf`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['content-disposition']).toContain('Invoice INV-0417.pdf');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const words = await readPdfWords(download.rawPayload);
    expect(words).toContain('INV-0417');
    expect(words).toContain('Family session');
    expect(words).toContain('$240.00');
    expect(words).toContain('$200.00');
    expect(words).not.toMatch(/\bVOID\b/);

    const voidDownload = await w.clientAgent.get(`${billingUrl(w)}/invoices/${voided.id}/pdf`);
    expect(voidDownload.statusCode, voidDownload.body).toBe(200);
    expect(voidDownload.headers['content-disposition']).toContain('Invoice INV-0416.pdf');
    expect(await readPdfWords(voidDownload.rawPayload)).toMatch(/\bVOID\b/);

    const audited = await invoiceDownloads();
    expect(audited).toHaveLength(2);
    expect(audited).toEqual(
      expect.arrayContaining([
        {
          actor_type: 'client',
          actor_id: client.id,
          client_id: client.id,
          details: { invoiceId: invoice.id, number: 'INV-0417' },
        },
        {
          actor_type: 'client',
          actor_id: client.id,
          client_id: client.id,
          details: { invoiceId: voided.id, number: 'INV-0416' },
        },
      ]),
    );
  });

  it("answers another client's invoice not found, byte for byte as a missing one, and audits nothing", async () => {
    const w = await messagingWorld(t);
    const other = await createClient(t.deps, w.practice.id, { firstName: 'Other' });
    const othersInvoice = await createInvoice(t.deps, w.practice.id, other.id, { number: 'INV-0999' });
    const missing = await w.clientAgent.get(`${billingUrl(w)}/invoices/${newId()}/pdf`);
    expect(missing.statusCode).toBe(404);
    const refused = await w.clientAgent.get(`${billingUrl(w)}/invoices/${othersInvoice.id}/pdf`);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toBe(missing.headers['content-type']);
    expect(refused.body).toBe(missing.body);
    expect(refused.body).not.toContain('INV-0999');
    expect(await invoiceDownloads()).toEqual([]);
  });

  it('refuses the download with 403 billing_off while Access billing documents is off', async () => {
    const w = await messagingWorld(t);
    const invoice = await createInvoice(t.deps, w.practice.id, w.client.id, { number: 'INV-0042' });
    const off = await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: false,
      messaging: true,
      billing: false,
      pay: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    const overview = await w.clientAgent.get(billingUrl(w));
    const response = await w.clientAgent.get(`${billingUrl(w)}/invoices/${invoice.id}/pdf`);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden', reason: 'billing_off' } });
    expect(response.body).toBe(overview.body);
    expect(await invoiceDownloads()).toEqual([]);
  });
});
