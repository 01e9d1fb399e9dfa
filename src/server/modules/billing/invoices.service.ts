import { DateTime } from 'luxon';
import { invoiceSnapshot, type BilledLine, type InvoiceSnapshot } from '../../../shared/schemas/billing-snapshots.js';
import type {
  BillableItem,
  ClientInvoices,
  CreateInvoiceBody,
  InvoiceDetail,
  InvoicePaymentPart,
  InvoiceSummary,
  ReissueInvoiceBody,
  VoidInvoiceBody,
} from '../../../shared/schemas/invoices.js';
import { mayDo } from '../../../shared/permissions.js';
import type { BillableItemsTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ClientContext, Context, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getClient } from '../clients/index.js';
import { getPractice } from '../practices/index.js';
import { clientBlockNow, effectiveBillingSettings, providerBlockNow } from './billing-blocks.js';
import { practiceToday } from './billing-dates.js';
import { invoiceFigures } from './invoices.figures.js';
import {
  applicationsOfInvoice,
  claimItem,
  findBillableItem,
  findInvoice,
  insertInvoice,
  insertInvoiceLines,
  invoicesOfClient,
  itemsOfInvoice,
  markInvoiceVoid,
  releaseItems,
  removeApplications,
  takeInvoiceCounter,
  unbilledItemsOf,
  updateUnbilledItem,
  type InvoiceRow,
} from './invoices.queries.js';
import { renderInvoicePdf } from './invoices.pdf.js';
import { notifyBillingDocumentIn } from './portal-billing.notify.js';

/** Invoice numbers: the practice's prefix and its counter, at least four digits (INV-0007). */
export function invoiceNumber(prefix: string, counter: number): string {
  return `${prefix}${String(counter).padStart(4, '0')}`;
}

function summaryOf(row: InvoiceRow): InvoiceSummary {
  return {
    ...invoiceFigures(row),
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

function itemOf(row: BillableItemsTable): BillableItem {
  return {
    id: row.id,
    appointmentId: row.appointment_id,
    kind: row.kind,
    dateOfService: row.date_of_service,
    description: row.description,
    cptCode: row.cpt_code,
    units: row.units,
    feeMinor: row.fee_minor,
    placeOfService: row.place_of_service,
    modifiers: row.modifiers,
  };
}

function lineOf(item: BillableItemsTable): BilledLine {
  return {
    dateOfService: item.date_of_service,
    kind: item.kind,
    description: item.description,
    cptCode: item.cpt_code,
    modifiers: item.modifiers,
    placeOfService: item.place_of_service,
    units: item.units,
    feeMinor: item.fee_minor,
    clinicianId: item.clinician_id,
  };
}

const staffIdOf = (ctx: Context): string | null => (ctx.actor.kind === 'staff' ? ctx.actor.staffId : null);

/**
 * Issues an invoice of the client's chosen unbilled items, each at the fee given, inside the
 * caller's transaction: takes the practice's next number, claims every item (an item another
 * invoice took first refuses the whole invoice: 409), writes the invoice, its lines and its
 * snapshot, and audits it. `replaces` names the voided invoice a re-issue corrects.
 */
export async function issueInvoiceIn(
  tx: Context,
  clientId: string,
  picks: readonly { id: string; feeMinor: number }[],
  replaces: { id: string; number: string } | null,
  field = 'items',
): Promise<InvoiceRow> {
  const invoiceId = newId();
  const now = iso(tx.clock.now());
  const claimed: BillableItemsTable[] = [];
  // Claimed in the order of their ids, so two invoices naming the same items never wait on each other crosswise.
  const ordered = [...picks.entries()].sort(([, a], [, b]) => a.id.localeCompare(b.id));
  for (const [index, pick] of ordered) {
    const item = await findBillableItem(tx, pick.id);
    if (!item || item.client_id !== clientId || item.waived_at !== null)
      throw new AppError('validation_failed', undefined, [
        { field: `${field}.${index}.id`, message: 'is not a billable item of this client' },
      ]);
    const taken = await claimItem(tx, { id: pick.id, clientId, invoiceId, feeMinor: pick.feeMinor, now });
    if (!taken)
      throw new AppError('conflict', `${item.description} on ${item.date_of_service} is already on an invoice.`);
    claimed.push(taken);
  }
  claimed.sort((a, b) => a.date_of_service.localeCompare(b.date_of_service));

  const [issueDate, settings] = await Promise.all([practiceToday(tx), effectiveBillingSettings(tx)]);
  const dueDate =
    DateTime.fromISO(issueDate, { zone: 'utc' }).plus({ days: settings.payment_terms_days }).toISODate() ?? issueDate;
  const clinicians = new Set(claimed.map((item) => item.clinician_id));
  const [onlyClinician] = clinicians;
  const lines = claimed.map(lineOf);
  const totalMinor = lines.reduce((sum, line) => sum + line.feeMinor, 0);
  const number = invoiceNumber(settings.invoice_prefix, await takeInvoiceCounter(tx));
  const snapshot: InvoiceSnapshot = invoiceSnapshot.parse({
    number,
    issueDate,
    dueDate,
    currency: settings.currency,
    provider: await providerBlockNow(tx, clinicians.size === 1 && onlyClinician ? onlyClinician : null),
    client: await clientBlockNow(tx, clientId),
    lines,
    totalMinor,
    replacesNumber: replaces?.number ?? null,
  });
  await insertInvoice(tx, {
    id: invoiceId,
    client_id: clientId,
    number,
    issue_date: issueDate,
    due_date: dueDate,
    currency: settings.currency,
    total_minor: totalMinor,
    paid_minor: 0,
    replaces_invoice_id: replaces?.id ?? null,
    voided_at: null,
    voided_by: null,
    void_reason: null,
    snapshot: JSON.stringify(snapshot),
    created_at: now,
    created_by: staffIdOf(tx),
  });
  await insertInvoiceLines(
    tx,
    claimed.map((item, position) => ({
      invoice_id: invoiceId,
      position,
      billable_item_id: item.id,
      appointment_id: item.appointment_id,
      clinician_id: item.clinician_id,
      kind: item.kind,
      date_of_service: item.date_of_service,
      description: item.description,
      cpt_code: item.cpt_code,
      units: item.units,
      fee_minor: item.fee_minor,
      place_of_service: item.place_of_service,
      modifiers: item.modifiers,
    })),
  );
  await auditIn(tx, {
    action: 'invoice.created',
    clientId,
    details: { invoiceId, number, lines: lines.length, totalMinor, replacesNumber: replaces?.number ?? null },
  });
  // The client hears of it by email when they can open it in the portal (Access billing documents).
  await notifyBillingDocumentIn(tx, clientId);
  const row = await findInvoice(tx, invoiceId);
  if (!row) throw notFound();
  return row;
}

/** The client's invoices and unbilled items, audited (staff's Billing tab). */
export async function listClientInvoices(ctx: StaffContext, clientId: string): Promise<ClientInvoices> {
  await getClient(ctx, clientId);
  const [rows, items, settings] = await Promise.all([
    invoicesOfClient(ctx, clientId),
    unbilledItemsOf(ctx, clientId),
    effectiveBillingSettings(ctx),
  ]);
  await auditIn(ctx, { action: 'invoice.viewed', clientId, details: { invoices: rows.length } });
  return {
    clientId,
    currency: settings.currency,
    invoices: rows.map(summaryOf),
    unbilledItems: items.map(itemOf),
    manageable: mayDo(ctx.actor.roles, 'manage_billing'),
  };
}

/** An invoice the caller reaches: its client within their reach, else not found. */
async function reachableInvoice(ctx: Context, id: string): Promise<InvoiceRow> {
  const row = await findInvoice(ctx, id);
  if (!row) throw notFound();
  if (ctx.actor.kind === 'client' && ctx.actor.clientId !== row.client_id) throw notFound();
  await getClient(ctx, row.client_id);
  return row;
}

function paymentPartsOf(rows: Awaited<ReturnType<typeof applicationsOfInvoice>>): InvoicePaymentPart[] {
  return rows.map((row) => ({
    receivedOn: row.received_on,
    method: row.method,
    reference: row.reference,
    amountMinor: row.amount_minor,
  }));
}

/** One invoice with its lines as issued and the payments applied to it, audited. */
export async function getInvoice(ctx: StaffContext, id: string): Promise<InvoiceDetail> {
  const row = await reachableInvoice(ctx, id);
  const snapshot = invoiceSnapshot.parse(JSON.parse(row.snapshot));
  const [payments, items] = await Promise.all([applicationsOfInvoice(ctx, id), itemsOfInvoice(ctx, id)]);
  await auditIn(ctx, {
    action: 'invoice.viewed',
    clientId: row.client_id,
    details: { invoiceId: id, number: row.number },
  });
  return {
    invoice: summaryOf(row),
    lines: snapshot.lines,
    payments: paymentPartsOf(payments),
    items: items.map(itemOf),
  };
}

/** Creates an invoice of the client's chosen unbilled items (manual invoicing). */
export async function createInvoice(
  ctx: StaffContext,
  clientId: string,
  body: CreateInvoiceBody,
): Promise<{ invoice: InvoiceSummary }> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    return { invoice: summaryOf(await issueInvoiceIn(tx, clientId, body.items, null)) };
  });
}

/**
 * Voids an open or paid invoice inside the caller's transaction: its items are unbilled again and
 * the payments applied to it come off (their money is the client's credit). A void invoice is 409.
 */
async function voidIn(tx: StaffContext, id: string, reason: string): Promise<InvoiceRow> {
  const row = await reachableInvoice(tx, id);
  const now = iso(tx.clock.now());
  const voided = await markInvoiceVoid(tx, id, { voidedAt: now, voidedBy: tx.actor.staffId, reason });
  if (!voided) throw new AppError('conflict', `Invoice ${row.number} is already void.`);
  const credited = await removeApplications(tx, id);
  await releaseItems(tx, id, now);
  await auditIn(tx, {
    action: 'invoice.voided',
    clientId: row.client_id,
    details: { invoiceId: id, number: row.number, reason, creditedMinor: credited },
  });
  return row;
}

export async function voidInvoice(
  ctx: StaffContext,
  id: string,
  body: VoidInvoiceBody,
): Promise<{ invoice: InvoiceSummary }> {
  return ctx.inTransaction(async (tx) => {
    await voidIn(tx, id, body.reason);
    const row = await findInvoice(tx, id);
    if (!row) throw notFound();
    return { invoice: summaryOf(row) };
  });
}

/** Voids the invoice and issues its correction, naming it, in one transaction. */
export async function reissueInvoice(
  ctx: StaffContext,
  id: string,
  body: ReissueInvoiceBody,
): Promise<{ invoice: InvoiceSummary }> {
  return ctx.inTransaction(async (tx) => {
    const voided = await voidIn(tx, id, body.reason);
    const row = await issueInvoiceIn(tx, voided.client_id, body.items, { id: voided.id, number: voided.number });
    return { invoice: summaryOf(row) };
  });
}

/** Corrects an unbilled item's fee before it is invoiced; an invoiced item is 409. */
export async function changeItemFee(ctx: StaffContext, id: string, feeMinor: number): Promise<BillableItem> {
  return ctx.inTransaction(async (tx) => {
    const item = await findBillableItem(tx, id);
    if (!item) throw notFound();
    await getClient(tx, item.client_id);
    const changed = await updateUnbilledItem(tx, id, { fee_minor: feeMinor, updated_at: iso(tx.clock.now()) });
    if (!changed) throw new AppError('conflict', 'This item is on an invoice: void the invoice to correct it.');
    await auditIn(tx, {
      action: 'invoice.item_updated',
      clientId: item.client_id,
      details: { itemId: id, appointmentId: item.appointment_id, feeMinor },
    });
    return itemOf({ ...item, fee_minor: feeMinor });
  });
}

/** The invoice's PDF, rendered from its snapshot and the payments applied to it; audited. */
async function pdfOf(ctx: Context, row: InvoiceRow): Promise<{ fileName: string; bytes: Uint8Array }> {
  const snapshot = invoiceSnapshot.parse(JSON.parse(row.snapshot));
  const [payments, practice] = await Promise.all([applicationsOfInvoice(ctx, row.id), getPractice(ctx)]);
  const bytes = await renderInvoicePdf(snapshot, {
    payments: paymentPartsOf(payments),
    paidMinor: row.paid_minor,
    voided:
      row.voided_at === null
        ? null
        : {
            on: DateTime.fromISO(row.voided_at, { zone: 'utc' }).setZone(practice.time_zone).toISODate() ?? '',
            reason: row.void_reason ?? '',
          },
    replacedByNumber: row.replaced_by_number,
  });
  await auditIn(ctx, {
    action: 'invoice.downloaded',
    clientId: row.client_id,
    details: { invoiceId: row.id, number: row.number },
  });
  return { fileName: `Invoice ${row.number}.pdf`, bytes };
}

/** Staff: an invoice's PDF (owners, billers, the client's clinicians). */
export async function staffInvoicePdf(ctx: StaffContext, id: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  return pdfOf(ctx, await reachableInvoice(ctx, id));
}

/**
 * The portal's Billing page: the signed-in client's invoices, newest first (number, dates, total,
 * paid, balance, status), audited as the client's view.
 */
export async function clientInvoices(ctx: ClientContext, clientId: string): Promise<InvoiceSummary[]> {
  if (ctx.actor.clientId !== clientId) throw notFound();
  const rows = await invoicesOfClient(ctx, clientId);
  await auditIn(ctx, { action: 'invoice.viewed', clientId, details: { invoices: rows.length } });
  return rows.map(summaryOf);
}

/** The portal: one of the signed-in client's invoices as PDF bytes (another client's is not found). */
export async function invoicePdf(
  ctx: ClientContext,
  invoiceId: string,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  return pdfOf(ctx, await reachableInvoice(ctx, invoiceId));
}
