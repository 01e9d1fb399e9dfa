import type {
  ApplyCreditBody,
  ClientPayments,
  Payment,
  RecordPaymentBody,
  RefundBody,
} from '../../../shared/schemas/billing-payments.js';
import { formatMoney } from '../../../shared/money.js';
import type { PaymentsTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Context, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getClient } from '../clients/index.js';
import { effectiveBillingSettings } from './billing-blocks.js';
import { practiceToday } from './billing-dates.js';
import {
  findClientPayment,
  insertApplication,
  insertPayment,
  listClientApplications,
  listClientPaymentRows,
  listOpenInvoices,
  listPaymentsWithCredit,
  lockChosenInvoices,
  raiseInvoicePaid,
  raisePaymentUse,
  type OpenInvoiceRow,
} from './payments.queries.js';

/**
 * Payments staff record (cash, check, card outside Portico, insurance), applied to a client's open
 * invoices, the rest kept as credit when asked; credit applied later; refunds from a payment's
 * credit (docs/decisions/040). Each is one transaction with its audit row.
 */

const invalid = (field: string, message: string): AppError =>
  new AppError('validation_failed', undefined, [{ field, message }]);

/** A part of one payment put on one invoice. */
interface Allocation {
  invoiceId: string;
  amountMinor: number;
}

/** Spreads `available` over the open invoices, oldest first, each up to what it still owes. */
function oldestFirst(invoices: readonly OpenInvoiceRow[], available: number): Allocation[] {
  const allocations: Allocation[] = [];
  let left = available;
  for (const invoice of invoices) {
    if (left === 0) break;
    const amountMinor = Math.min(left, invoice.total_minor - invoice.paid_minor);
    if (amountMinor > 0) allocations.push({ invoiceId: invoice.id, amountMinor });
    left -= amountMinor;
  }
  return allocations;
}

/**
 * The chosen invoices with their amounts, checked: each the client's (else not found), not void,
 * and no more than it still owes; named by its place in the body.
 */
async function chosenAllocations(
  tx: Context,
  clientId: string,
  chosen: readonly Allocation[],
  currency: string,
): Promise<Allocation[]> {
  const rows = await lockChosenInvoices(
    tx,
    clientId,
    chosen.map((item) => item.invoiceId),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  chosen.forEach((item, index) => {
    const invoice = byId.get(item.invoiceId);
    if (!invoice) throw notFound();
    if (invoice.voided_at !== null) throw invalid(`invoices.${index}.invoiceId`, `is void (${invoice.number})`);
    const owed = invoice.total_minor - invoice.paid_minor;
    if (item.amountMinor > owed) {
      throw invalid(
        `invoices.${index}.amountMinor`,
        `is more than ${invoice.number} still owes (${formatMoney(owed, currency, 'en-US')})`,
      );
    }
  });
  return chosen.map((item) => ({ invoiceId: item.invoiceId, amountMinor: item.amountMinor }));
}

/** Raises the invoice and writes the application; a lost race (the invoice paid meanwhile) is a conflict. */
async function applyToInvoice(tx: StaffContext, paymentId: string, allocation: Allocation): Promise<void> {
  if (!(await raiseInvoicePaid(tx, allocation.invoiceId, allocation.amountMinor))) {
    throw new AppError('conflict', 'An invoice was paid or voided meanwhile. Reload and try again.');
  }
  if (!(await raisePaymentUse(tx, paymentId, 'applied_minor', allocation.amountMinor))) {
    throw new AppError('conflict', 'The credit was used meanwhile. Reload and try again.');
  }
  await insertApplication(tx, {
    id: newId(),
    payment_id: paymentId,
    invoice_id: allocation.invoiceId,
    amount_minor: allocation.amountMinor,
    created_at: iso(tx.clock.now()),
    created_by: tx.actor.staffId,
  });
}

const sumOf = (allocations: readonly Allocation[]): number =>
  allocations.reduce((sum, item) => sum + item.amountMinor, 0);

async function checkNotFuture(tx: Context, field: string, date: string): Promise<void> {
  const today = await practiceToday(tx);
  if (date > today) throw invalid(field, `must not be after today (${today}) in the practice's time zone`);
}

/**
 * Records money received from the client and applies it to the oldest open invoices or to the
 * chosen ones; what is left stays as credit only when `keepCreditRemainder` says so.
 */
export async function recordPayment(ctx: StaffContext, clientId: string, body: RecordPaymentBody): Promise<Payment> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    await checkNotFuture(tx, 'receivedOn', body.receivedOn);
    const { currency } = await effectiveBillingSettings(tx);
    const allocations =
      body.allocation === 'oldest'
        ? oldestFirst(await listOpenInvoices(tx, clientId), body.amountMinor)
        : await chosenAllocations(tx, clientId, body.invoices, currency);
    const applied = sumOf(allocations);
    if (applied > body.amountMinor) {
      throw invalid(
        'invoices',
        `add up to more than the payment (${formatMoney(body.amountMinor, currency, 'en-US')})`,
      );
    }
    const remainder = body.amountMinor - applied;
    if (remainder > 0 && !body.keepCreditRemainder) {
      throw invalid(
        'amountMinor',
        `is ${formatMoney(remainder, currency, 'en-US')} more than ${
          body.allocation === 'oldest' ? 'the open invoices owe' : 'the chosen invoices'
        }; allow the rest to stay as credit to record it`,
      );
    }
    const id = newId();
    await insertPayment(tx, {
      id,
      client_id: clientId,
      kind: 'payment',
      refund_of_payment_id: null,
      amount_minor: body.amountMinor,
      currency,
      received_on: body.receivedOn,
      method: body.method,
      reference: body.reference,
      applied_minor: 0,
      refunded_minor: 0,
      created_at: iso(tx.clock.now()),
      created_by: tx.actor.staffId,
    });
    for (const allocation of allocations) await applyToInvoice(tx, id, allocation);
    await auditIn(tx, {
      action: 'payment.recorded',
      clientId,
      details: { paymentId: id, amountMinor: body.amountMinor, appliedMinor: applied, invoices: allocations.length },
    });
    return paymentOf(tx, clientId, id);
  });
}

/**
 * Applies the client's credit (their payments' unapplied rest, oldest payment first) to the oldest
 * open invoices or the chosen ones. Nothing to apply is a conflict, not a no-op.
 */
export async function applyCredit(
  ctx: StaffContext,
  clientId: string,
  body: ApplyCreditBody,
): Promise<{ appliedMinor: number }> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    const { currency } = await effectiveBillingSettings(tx);
    const payments = await listPaymentsWithCredit(tx, clientId);
    const credit = payments.reduce((sum, p) => sum + creditOf(p), 0);
    const targets =
      body.allocation === 'oldest'
        ? oldestFirst(await listOpenInvoices(tx, clientId), credit)
        : await chosenAllocations(tx, clientId, body.invoices, currency);
    const wanted = sumOf(targets);
    if (body.allocation === 'chosen' && wanted > credit) {
      throw invalid('invoices', `add up to more than the client's credit (${formatMoney(credit, currency, 'en-US')})`);
    }
    if (wanted === 0) {
      throw new AppError(
        'conflict',
        credit === 0 ? 'The client has no credit to apply.' : 'The client has no open invoice to apply credit to.',
      );
    }
    // Each invoice's part is taken from the oldest payments with credit left.
    const left = new Map(payments.map((p) => [p.id, creditOf(p)]));
    for (const target of targets) {
      let owed = target.amountMinor;
      for (const p of payments) {
        const available = left.get(p.id) ?? 0;
        if (owed === 0) break;
        if (available === 0) continue;
        const part = Math.min(owed, available);
        await applyToInvoice(tx, p.id, { invoiceId: target.invoiceId, amountMinor: part });
        left.set(p.id, available - part);
        owed -= part;
      }
    }
    await auditIn(tx, {
      action: 'payment.applied',
      clientId,
      details: { appliedMinor: wanted, invoices: targets.length },
    });
    return { appliedMinor: wanted };
  });
}

/** Returns part or all of a payment's credit to the client: a refund row pointing at the payment. */
export async function refundPayment(
  ctx: StaffContext,
  clientId: string,
  paymentId: string,
  body: RefundBody,
): Promise<Payment> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    const original = await findClientPayment(tx, clientId, paymentId);
    if (!original) throw notFound();
    await checkNotFuture(tx, 'refundedOn', body.refundedOn);
    if (body.refundedOn < original.received_on) {
      throw invalid('refundedOn', `must not be before the payment was received (${original.received_on})`);
    }
    const credit = creditOf(original);
    const tooMuch = invalid(
      'amountMinor',
      `is more than the payment's credit (${formatMoney(credit, original.currency, 'en-US')})`,
    );
    if (body.amountMinor > credit) throw tooMuch;
    if (!(await raisePaymentUse(tx, paymentId, 'refunded_minor', body.amountMinor))) throw tooMuch;
    const id = newId();
    await insertPayment(tx, {
      id,
      client_id: clientId,
      kind: 'refund',
      refund_of_payment_id: paymentId,
      amount_minor: body.amountMinor,
      currency: original.currency,
      received_on: body.refundedOn,
      method: body.method,
      reference: body.reference,
      applied_minor: 0,
      refunded_minor: 0,
      created_at: iso(tx.clock.now()),
      created_by: tx.actor.staffId,
    });
    await auditIn(tx, {
      action: 'payment.refunded',
      clientId,
      details: { paymentId, refundId: id, amountMinor: body.amountMinor },
    });
    return paymentOf(tx, clientId, id);
  });
}

function creditOf(row: Pick<PaymentsTable, 'kind' | 'amount_minor' | 'applied_minor' | 'refunded_minor'>): number {
  return row.kind === 'payment' ? row.amount_minor - row.applied_minor - row.refunded_minor : 0;
}

/** The client's payments and refunds, newest first, each with the invoices it was applied to. */
export async function readClientPayments(ctx: Context, clientId: string): Promise<Payment[]> {
  const [rows, applications] = await Promise.all([
    listClientPaymentRows(ctx, clientId),
    listClientApplications(ctx, clientId),
  ]);
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    kind: row.kind,
    refundOfPaymentId: row.refund_of_payment_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    receivedOn: row.received_on,
    method: row.method,
    reference: row.reference,
    appliedMinor: row.applied_minor,
    refundedMinor: row.refunded_minor,
    creditMinor: creditOf(row),
    applications: applications
      .filter((a) => a.payment_id === row.id)
      .map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.number, amountMinor: a.amount_minor })),
    createdAt: row.created_at,
  }));
}

async function paymentOf(ctx: Context, clientId: string, id: string): Promise<Payment> {
  const found = (await readClientPayments(ctx, clientId)).find((p) => p.id === id);
  if (!found) throw notFound();
  return found;
}

/** A client's payments for staff, audited; the context's reach makes another client not found. */
export async function listClientPayments(ctx: StaffContext, clientId: string): Promise<ClientPayments> {
  await getClient(ctx, clientId);
  const items = await readClientPayments(ctx, clientId);
  await auditIn(ctx, { action: 'billing.payments_viewed', clientId });
  return { items };
}
