import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientBilling, createClinicianBilling } from '../../../../test/factories/billing.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPayment } from '../../../../test/factories/invoices.js';
import { createPortalAccess } from '../../../../test/factories/portal.js';
import { createPractice, createStaff, type FactoryPractice } from '../../../../test/factories/practices.js';
import { createAppointment, createLocation, createService } from '../../../../test/factories/scheduling.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { billingSettingsBody } from '../../../../test/helpers/billing.js';
import { readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { AppointmentStatus } from '../../db/schema.js';
import type { BillableItem, ClientInvoices, InvoiceChanged, InvoiceDetail } from '../../../shared/schemas/invoices.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Setup {
  practice: FactoryPractice;
  owner: Agent;
  clientId: string;
  serviceId: string;
  officeId: string;
  telehealthId: string;
}

/** A practice in New York billing in the given mode, with a client, a $150 90834 service and two locations. */
async function setup(mode: 'manual' | 'per_appointment', fees = { lateCancelFeeMinor: 5000, noShowFeeMinor: 7500 }) {
  const practice = await createPractice(t.deps);
  const owner = await signInAs(t.app, practice.owner.email);
  const saved = await owner.put('/api/settings/billing', {
    ...billingSettingsBody(),
    invoiceMode: mode,
    invoicePrefix: 'HC-',
    paymentTermsDays: 14,
    ...fees,
  });
  expect(saved.statusCode).toBe(200);
  const client = await createClient(t.deps, practice.id);
  await createClientBilling(t.deps, practice.id, client.id);
  await createClinicianBilling(t.deps, practice.id, practice.owner.id);
  const service = await createService(t.deps, practice.id, { clinicianIds: [practice.owner.id] });
  const office = await createLocation(t.deps, practice.id);
  const telehealth = await createLocation(t.deps, practice.id, { kind: 'telehealth' });
  return {
    practice,
    owner,
    clientId: client.id,
    serviceId: service.id,
    officeId: office.id,
    telehealthId: telehealth.id,
  } satisfies Setup;
}

let hour = 0;
/** A scheduled appointment on a distinct hour (default: 2026-02-10 in the office). */
async function appointment(s: Setup, overrides: { startsAt?: string; locationId?: string; clientId?: string } = {}) {
  hour += 1;
  const start = overrides.startsAt ?? new Date(Date.UTC(2026, 1, 10, 0, 0) + hour * 3_600_000 * 3).toISOString();
  const end = new Date(new Date(start).getTime() + 50 * 60_000).toISOString();
  return createAppointment(t.deps, s.practice.id, {
    clientId: overrides.clientId ?? s.clientId,
    serviceId: s.serviceId,
    clinicianId: s.practice.owner.id,
    locationId: overrides.locationId ?? s.officeId,
    startsAt: start,
    endsAt: end,
  });
}

async function mark(agent: Agent, appointmentId: string, status: AppointmentStatus) {
  const response = await agent.post(`/api/appointments/${appointmentId}/status`, { status });
  expect(response.statusCode, response.body).toBe(200);
}

async function billing(agent: Agent, clientId: string): Promise<ClientInvoices> {
  const response = await agent.get(`/api/clients/${clientId}/invoices`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ClientInvoices>();
}

async function pdfWords(agent: Agent, invoiceId: string): Promise<string> {
  const response = await agent.get(`/api/invoices/${invoiceId}/pdf`);
  expect(response.statusCode).toBe(200);
  return readPdfWords(response.rawPayload);
}

describe('billable items', () => {
  it('an attended appointment owes its service fee and CPT code, dated in the practice zone; telehealth is POS 10 with 95', async () => {
    const s = await setup('manual');
    // 01:30 UTC on 11 February is the evening of 10 February in New York.
    const office = await appointment(s, { startsAt: '2026-02-11T01:30:00.000Z' });
    const video = await appointment(s, { locationId: s.telehealthId });
    await mark(s.owner, office.id, 'attended');
    await mark(s.owner, video.id, 'attended');
    const { unbilledItems, invoices } = await billing(s.owner, s.clientId);
    expect(invoices).toEqual([]);
    const byAppointment = new Map(unbilledItems.map((i) => [i.appointmentId, i]));
    expect(byAppointment.get(office.id)).toMatchObject({
      kind: 'service',
      dateOfService: '2026-02-10',
      description: 'Individual therapy',
      cptCode: '90834',
      units: 1,
      feeMinor: 15_000,
      placeOfService: '11',
      modifiers: '',
    });
    expect(byAppointment.get(video.id)).toMatchObject({ placeOfService: '10', modifiers: '95' });
  });

  it("no-show and late cancellation owe the practice's fees, none when the fee is 0; a status that owes nothing removes an unbilled item", async () => {
    const s = await setup('manual', { lateCancelFeeMinor: 5000, noShowFeeMinor: 0 });
    const a = await appointment(s);
    await mark(s.owner, a.id, 'late_cancelled');
    expect((await billing(s.owner, s.clientId)).unbilledItems).toMatchObject([
      { kind: 'late_cancel', feeMinor: 5000, cptCode: null, description: 'Late cancellation: Individual therapy' },
    ]);
    await mark(s.owner, a.id, 'no_show');
    expect((await billing(s.owner, s.clientId)).unbilledItems).toEqual([]);
    await mark(s.owner, a.id, 'attended');
    expect((await billing(s.owner, s.clientId)).unbilledItems).toMatchObject([{ kind: 'service', feeMinor: 15_000 }]);
    await mark(s.owner, a.id, 'scheduled');
    expect((await billing(s.owner, s.clientId)).unbilledItems).toEqual([]);
  });

  it('per appointment: marking attended issues its invoice in the same transaction; an invoiced item stays when the status changes', async () => {
    const s = await setup('per_appointment');
    const a = await appointment(s);
    await mark(s.owner, a.id, 'attended');
    let list = await billing(s.owner, s.clientId);
    expect(list.unbilledItems).toEqual([]);
    expect(list.invoices).toMatchObject([
      {
        number: 'HC-0001',
        issueDate: '2026-03-02',
        dueDate: '2026-03-16',
        currency: 'USD',
        totalMinor: 15_000,
        paidMinor: 0,
        balanceMinor: 15_000,
        status: 'open',
      },
    ]);
    const created = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'client_id'])
      .where('practice_id', '=', s.practice.id)
      .where('action', '=', 'invoice.created')
      .execute();
    expect(created).toEqual([{ action: 'invoice.created', client_id: s.clientId }]);
    // Marking it attended again issues nothing more; marking it scheduled leaves the invoice to void.
    await mark(s.owner, a.id, 'attended');
    await mark(s.owner, a.id, 'scheduled');
    list = await billing(s.owner, s.clientId);
    expect(list.invoices).toHaveLength(1);
    expect(list.unbilledItems).toEqual([]);
    // Ada cannot open billing in the portal: no email. A client who can is told, with the invoice.
    const told = await createClient(t.deps, s.practice.id);
    await createPortalAccess(t.deps, s.practice.id, told.id, { state: 'active', permissions: { billing: true } });
    await mark(s.owner, (await appointment(s, { clientId: told.id })).id, 'attended');
    const emails = await t.deps.db
      .selectFrom('outbox')
      .select('client_id')
      .where('practice_id', '=', s.practice.id)
      .where('kind', '=', 'billing_document_available')
      .execute();
    expect(emails).toEqual([{ client_id: told.id }]);
    // A no-show in per-appointment mode waits for staff to invoice it.
    const b = await appointment(s);
    await mark(s.owner, b.id, 'no_show');
    expect((await billing(s.owner, s.clientId)).unbilledItems).toMatchObject([{ kind: 'no_show', feeMinor: 7500 }]);
  });
});

describe('invoices', () => {
  it('staff invoice chosen items at corrected fees; the PDF prints the number, dates, lines, total, paid and balance', async () => {
    const s = await setup('manual');
    const a = await appointment(s, { startsAt: '2026-02-03T15:00:00.000Z' });
    const b = await appointment(s, { startsAt: '2026-02-10T15:00:00.000Z', locationId: s.telehealthId });
    await mark(s.owner, a.id, 'attended');
    await mark(s.owner, b.id, 'attended');
    const items = (await billing(s.owner, s.clientId)).unbilledItems;
    const itemA = items.find((i) => i.appointmentId === a.id) as BillableItem;
    const itemB = items.find((i) => i.appointmentId === b.id) as BillableItem;

    const edited = await s.owner.put(`/api/billable-items/${itemA.id}`, { feeMinor: 12_000 });
    expect(edited.json<BillableItem>().feeMinor).toBe(12_000);
    const bad = await s.owner.put(`/api/billable-items/${itemA.id}`, { feeMinor: 12.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('feeMinor');

    const response = await s.owner.post(`/api/clients/${s.clientId}/invoices`, {
      items: [
        { id: itemB.id, feeMinor: 14_000 },
        { id: itemA.id, feeMinor: 12_000 },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const { invoice } = response.json<InvoiceChanged>();
    expect(invoice).toMatchObject({ number: 'HC-0001', totalMinor: 26_000, status: 'open', dueDate: '2026-03-16' });
    expect((await billing(s.owner, s.clientId)).unbilledItems).toEqual([]);
    // An item on a live invoice cannot be invoiced again, nor its fee changed.
    const again = await s.owner.post(`/api/clients/${s.clientId}/invoices`, { items: [{ id: itemA.id, feeMinor: 1 }] });
    expect(again.statusCode).toBe(409);
    expect((await s.owner.put(`/api/billable-items/${itemA.id}`, { feeMinor: 1 })).statusCode).toBe(409);

    await createPayment(t.deps, s.practice.id, s.clientId, {
      amountMinor: 10_000,
      reference: 'Check 1042',
      method: 'check',
      applications: [{ invoiceId: invoice.id, amountMinor: 10_000 }],
    });
    const detail = (await s.owner.get(`/api/invoices/${invoice.id}`)).json<InvoiceDetail>();
    expect(detail.invoice).toMatchObject({ paidMinor: 10_000, balanceMinor: 16_000 });
    expect(detail.lines.map((l) => [l.dateOfService, l.feeMinor, l.placeOfService])).toEqual([
      ['2026-02-03', 12_000, '11'],
      ['2026-02-10', 14_000, '10'],
    ]);

    const pdf = await s.owner.get(`/api/invoices/${invoice.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('Invoice HC-0001.pdf');
    const words = await readPdfWords(pdf.rawPayload);
    for (const expected of [
      'INVOICE',
      'Invoice number HC-0001',
      'Issue date Mar 2, 2026',
      'Due date Mar 16, 2026',
      'Harbour Counselling LLC',
      'Bill to',
      'Member ID BHH-4471902',
      'Date of service Service CPT code Units Fee',
      'Feb 3, 2026 Individual therapy 90834 1 $120.00',
      'Feb 10, 2026 Individual therapy 90834 95 1 $140.00',
      'Total $260.00',
      'Paid $100.00',
      'Balance due $160.00',
      'Check Check 1042 $100.00',
    ])
      expect(words).toContain(expected);
    expect(words).not.toContain('VOID');

    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('practice_id', '=', s.practice.id)
      .where('action', 'like', 'invoice.%')
      .execute();
    expect(new Set(actions.map((r) => r.action))).toEqual(
      new Set(['invoice.item_updated', 'invoice.viewed', 'invoice.created', 'invoice.downloaded']),
    );
  });

  it('void returns the items and takes payments off (the money is credit); void and re-issue names the replaced invoice; both PDFs stay', async () => {
    const s = await setup('per_appointment');
    const a = await appointment(s);
    await mark(s.owner, a.id, 'attended');
    const [first] = (await billing(s.owner, s.clientId)).invoices;
    if (!first) throw new Error('no invoice');
    const payment = await createPayment(t.deps, s.practice.id, s.clientId, {
      amountMinor: 20_000,
      applications: [{ invoiceId: first.id, amountMinor: 15_000 }],
    });
    expect((await billing(s.owner, s.clientId)).invoices[0]?.status).toBe('paid');

    const item = await t.deps.db
      .selectFrom('billable_items')
      .select('id')
      .where('appointment_id', '=', a.id)
      .executeTakeFirstOrThrow();
    const missingReason = await s.owner.post(`/api/invoices/${first.id}/reissue`, {
      reason: ' ',
      items: [{ id: item.id, feeMinor: 13_000 }],
    });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain('reason');

    const reissued = await s.owner.post(`/api/invoices/${first.id}/reissue`, {
      reason: 'Sliding scale fee',
      items: [{ id: item.id, feeMinor: 13_000 }],
    });
    expect(reissued.statusCode, reissued.body).toBe(200);
    const second = reissued.json<InvoiceChanged>().invoice;
    expect(second).toMatchObject({ number: 'HC-0002', replacesNumber: 'HC-0001', totalMinor: 13_000, status: 'open' });

    const list = await billing(s.owner, s.clientId);
    expect(list.invoices.map((i) => [i.number, i.status, i.balanceMinor, i.replacedByNumber])).toEqual([
      ['HC-0002', 'open', 13_000, null],
      ['HC-0001', 'void', 0, 'HC-0002'],
    ]);
    const paymentRow = await t.deps.db
      .selectFrom('payments')
      .select('applied_minor')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();
    expect(paymentRow.applied_minor).toBe(0);
    expect(
      await t.deps.db.selectFrom('payment_applications').select('id').where('invoice_id', '=', first.id).execute(),
    ).toEqual([]);

    const voidedWords = await pdfWords(s.owner, first.id);
    expect(voidedWords).toContain('VOID');
    expect(voidedWords).toContain('Reason: Sliding scale fee');
    expect(voidedWords).toContain('Replaced by invoice HC-0002');
    expect(voidedWords).toContain('Total $150.00');
    const newWords = await pdfWords(s.owner, second.id);
    expect(newWords).toContain('Replaces HC-0001');
    expect(newWords).toContain('Total $130.00');
    expect(newWords).not.toContain('VOID');

    // A void invoice cannot be voided again; a plain void returns its items to unbilled.
    expect((await s.owner.post(`/api/invoices/${first.id}/void`, { reason: 'again' })).statusCode).toBe(409);
    const voided = await s.owner.post(`/api/invoices/${second.id}/void`, { reason: 'Billed in error' });
    expect(voided.json<InvoiceChanged>().invoice).toMatchObject({ status: 'void', voidReason: 'Billed in error' });
    expect((await billing(s.owner, s.clientId)).unbilledItems).toMatchObject([{ id: item.id, feeMinor: 13_000 }]);
  });

  it('an issued invoice re-renders the same PDF after the settings and the client change', async () => {
    const s = await setup('per_appointment');
    const a = await appointment(s);
    await mark(s.owner, a.id, 'attended');
    const [invoice] = (await billing(s.owner, s.clientId)).invoices;
    if (!invoice) throw new Error('no invoice');
    const before = (await s.owner.get(`/api/invoices/${invoice.id}/pdf`)).rawPayload;
    await s.owner.put('/api/settings/billing', { ...billingSettingsBody(), legalName: 'Renamed LLC', currency: 'EUR' });
    await createClientBilling(t.deps, s.practice.id, s.clientId, { memberId: 'NEW-1' });
    const after = (await s.owner.get(`/api/invoices/${invoice.id}/pdf`)).rawPayload;
    expect(after.equals(before)).toBe(true);
  });

  it('parallel creates take distinct numbers, and an item is invoiced once however many claim it', async () => {
    const s = await setup('manual');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await appointment(s);
      await mark(s.owner, a.id, 'attended');
      ids.push(a.id);
    }
    const items = (await billing(s.owner, s.clientId)).unbilledItems;
    // Six invoices of one item each, at once: six numbers, none twice.
    const distinct = await Promise.all(
      items
        .slice(0, 4)
        .map((item) =>
          s.owner.post(`/api/clients/${s.clientId}/invoices`, { items: [{ id: item.id, feeMinor: 100 }] }),
        ),
    );
    expect(distinct.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const numbers = distinct.map((r) => r.json<InvoiceChanged>().invoice.number).sort();
    expect(numbers).toEqual(['HC-0001', 'HC-0002', 'HC-0003', 'HC-0004']);

    // Five invoices claiming the same two items at once: exactly one wins.
    const rest = items.slice(4).map((item) => ({ id: item.id, feeMinor: 100 }));
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => s.owner.post(`/api/clients/${s.clientId}/invoices`, { items: rest })),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const lines = await t.deps.db
      .selectFrom('invoice_lines')
      .select('billable_item_id')
      .where('practice_id', '=', s.practice.id)
      .execute();
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => l.billable_item_id)).size).toBe(6);
  });
});

describe('who may', () => {
  it("clinicians read their clients' invoices only; schedulers 403; another practice's invoice 404", async () => {
    const s = await setup('per_appointment');
    const a = await appointment(s);
    await mark(s.owner, a.id, 'attended');
    const [invoice] = (await billing(s.owner, s.clientId)).invoices;
    if (!invoice) throw new Error('no invoice');

    const own = await createStaff(t.deps, s.practice.id, { roles: ['clinician'] });
    const other = await createStaff(t.deps, s.practice.id, { roles: ['clinician'] });
    const scheduler = await createStaff(t.deps, s.practice.id, { roles: ['scheduler'] });
    const biller = await createStaff(t.deps, s.practice.id, { roles: ['biller'] });
    const mine = await createClient(t.deps, s.practice.id, {}, { clinicians: { primaryId: own.id, otherIds: [] } });
    const b = await appointment(s, { clientId: mine.id });
    await mark(s.owner, b.id, 'attended');
    const [mineInvoice] = (await billing(s.owner, mine.id)).invoices;
    if (!mineInvoice) throw new Error('no invoice');

    const ownAgent = await signInAs(t.app, own.email);
    const otherAgent = await signInAs(t.app, other.email);
    const schedulerAgent = await signInAs(t.app, scheduler.email);
    const billerAgent = await signInAs(t.app, biller.email);

    const readable = await billing(ownAgent, mine.id);
    expect(readable.manageable).toBe(false);
    expect((await ownAgent.get(`/api/invoices/${mineInvoice.id}/pdf`)).statusCode).toBe(200);
    expect((await ownAgent.post(`/api/invoices/${mineInvoice.id}/void`, { reason: 'x' })).statusCode).toBe(403);
    expect((await otherAgent.get(`/api/invoices/${mineInvoice.id}`)).statusCode).toBe(404);
    expect((await otherAgent.get(`/api/clients/${mine.id}/invoices`)).statusCode).toBe(404);
    expect((await schedulerAgent.get(`/api/clients/${mine.id}/invoices`)).statusCode).toBe(403);
    expect((await schedulerAgent.get(`/api/invoices/${mineInvoice.id}/pdf`)).statusCode).toBe(403);
    expect((await billing(billerAgent, mine.id)).manageable).toBe(true);
    expect((await billerAgent.post(`/api/invoices/${mineInvoice.id}/void`, { reason: 'x' })).statusCode).toBe(200);

    const elsewhere = await setup('manual');
    expect((await elsewhere.owner.get(`/api/invoices/${invoice.id}`)).statusCode).toBe(404);
    expect((await elsewhere.owner.get(`/api/invoices/${invoice.id}/pdf`)).statusCode).toBe(404);
    expect((await elsewhere.owner.post(`/api/invoices/${invoice.id}/void`, { reason: 'x' })).statusCode).toBe(404);
  });
});
