import type { BillingDocumentsTable, PaymentsTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/**
 * What the Client Portal reads of one client's billing. Every query filters on the practice and
 * the client, so another client's row is simply not there.
 */

export interface PortalInvoiceRow {
  id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total_minor: number;
  paid_minor: number;
  voided_at: string | null;
  replaces_number: string | null;
  replaced_by_number: string | null;
}

/** The client's invoices, void ones too, newest first, each with the numbers of its correction chain. */
export async function listPortalInvoices(scope: Scope, clientId: string): Promise<PortalInvoiceRow[]> {
  return scope.db
    .selectFrom('invoices as i')
    .leftJoin('invoices as replaced', (join) =>
      join.onRef('replaced.id', '=', 'i.replaces_invoice_id').onRef('replaced.practice_id', '=', 'i.practice_id'),
    )
    .leftJoin('invoices as replacement', (join) =>
      join.onRef('replacement.replaces_invoice_id', '=', 'i.id').onRef('replacement.practice_id', '=', 'i.practice_id'),
    )
    .select([
      'i.id',
      'i.number',
      'i.issue_date',
      'i.due_date',
      'i.currency',
      'i.total_minor',
      'i.paid_minor',
      'i.voided_at',
      'replaced.number as replaces_number',
      'replacement.number as replaced_by_number',
    ])
    .where('i.practice_id', '=', scope.practiceId)
    .where('i.client_id', '=', clientId)
    .orderBy('i.issue_date', 'desc')
    .orderBy('i.created_at', 'desc')
    .orderBy('i.number', 'desc')
    .execute();
}

export type PortalPaymentRow = Pick<
  PaymentsTable,
  'id' | 'kind' | 'received_on' | 'method' | 'currency' | 'amount_minor' | 'applied_minor' | 'refunded_minor'
>;

/** The client's payments and refunds, newest first. */
export async function listPortalPayments(scope: Scope, clientId: string): Promise<PortalPaymentRow[]> {
  return scope.db
    .selectFrom('payments')
    .select(['id', 'kind', 'received_on', 'method', 'currency', 'amount_minor', 'applied_minor', 'refunded_minor'])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export type PortalDocumentRow = Pick<
  BillingDocumentsTable,
  'id' | 'kind' | 'period_start' | 'period_end' | 'created_at'
>;

/** The client's statements and superbills, newest first. */
export async function listPortalBillingDocuments(scope: Scope, clientId: string): Promise<PortalDocumentRow[]> {
  return scope.db
    .selectFrom('billing_documents')
    .select(['id', 'kind', 'period_start', 'period_end', 'created_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Per currency: what the client's open invoices still ask (Σ total − paid over invoices not void). */
export async function openBalancesByCurrency(scope: Scope, clientId: string): Promise<Map<string, number>> {
  const rows = await scope.db
    .selectFrom('invoices')
    .select((eb) => ['currency', eb.fn.sum<number | string>(eb('total_minor', '-', eb.ref('paid_minor'))).as('open')])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('voided_at', 'is', null)
    .groupBy('currency')
    .execute();
  return new Map(rows.map((row) => [row.currency, Number(row.open)]));
}

/** Per currency: the client's credit, what their payments hold neither applied nor refunded. */
export async function creditsByCurrency(scope: Scope, clientId: string): Promise<Map<string, number>> {
  const rows = await scope.db
    .selectFrom('payments')
    .select((eb) => [
      'currency',
      eb.fn
        .sum<number | string>(eb(eb('amount_minor', '-', eb.ref('applied_minor')), '-', eb.ref('refunded_minor')))
        .as('credit'),
    ])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('kind', '=', 'payment')
    .groupBy('currency')
    .execute();
  return new Map(rows.map((row) => [row.currency, Number(row.credit)]));
}
