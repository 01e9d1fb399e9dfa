import { sql } from 'kysely';
import type { BillingDocumentKind, BillingDocumentsTable, InvoiceLinesTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/**
 * The ledger as statements and superbills read it (decision 041), and the documents themselves.
 * Call after the client was found within the caller's reach. Void invoices are left out: a void
 * invoice was never owed. Rows in another currency than the document's are left out too (a
 * practice that changed currency gets documents per currency, never sums across two).
 */

const sumOf = (value: unknown): number => Number(value ?? 0);

/** The total of the client's live invoices issued before `before` (a date). */
export async function sumInvoicedBefore(
  scope: Scope,
  clientId: string,
  currency: string,
  before: string,
): Promise<number> {
  const row = await scope.db
    .selectFrom('invoices')
    .select(sql<string | number | null>`sum(total_minor)`.as('total'))
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('currency', '=', currency)
    .where('voided_at', 'is', null)
    .where('issue_date', '<', before)
    .executeTakeFirst();
  return sumOf(row?.total);
}

/** Payments less refunds the client's practice received before `before` (a date). */
export async function sumReceivedBefore(
  scope: Scope,
  clientId: string,
  currency: string,
  before: string,
): Promise<number> {
  const row = await scope.db
    .selectFrom('payments')
    .select(
      sql<string | number | null>`sum(case when kind = 'refund' then -amount_minor else amount_minor end)`.as('total'),
    )
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('currency', '=', currency)
    .where('received_on', '<', before)
    .executeTakeFirst();
  return sumOf(row?.total);
}

export async function listInvoicesIssuedIn(
  scope: Scope,
  clientId: string,
  currency: string,
  start: string,
  end: string,
) {
  return scope.db
    .selectFrom('invoices')
    .select(['number', 'issue_date', 'due_date', 'total_minor'])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('currency', '=', currency)
    .where('voided_at', 'is', null)
    .where('issue_date', '>=', start)
    .where('issue_date', '<=', end)
    .orderBy('issue_date')
    .orderBy('number')
    .execute();
}

export async function listPaymentsReceivedIn(
  scope: Scope,
  clientId: string,
  currency: string,
  start: string,
  end: string,
) {
  return (
    scope.db
      .selectFrom('payments')
      .select(['kind', 'amount_minor', 'received_on', 'method', 'reference'])
      .where('practice_id', '=', scope.practiceId)
      .where('client_id', '=', clientId)
      .where('currency', '=', currency)
      .where('received_on', '>=', start)
      .where('received_on', '<=', end)
      .orderBy('received_on')
      // A day's payments before its refunds.
      .orderBy('kind')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  );
}

export type LedgerLine = InvoiceLinesTable & { invoice_number: string; invoice_paid_minor: number };

/**
 * Every line of each live invoice of the client that has a line dated in the range, whatever the
 * other lines' dates: what an invoice was paid is spread over all its lines before the range
 * picks some (decision 041).
 */
export async function listLinesOfInvoicesServedIn(
  scope: Scope,
  clientId: string,
  currency: string,
  start: string,
  end: string,
): Promise<LedgerLine[]> {
  return scope.db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', (join) =>
      join.onRef('i.id', '=', 'l.invoice_id').onRef('i.practice_id', '=', 'l.practice_id'),
    )
    .selectAll('l')
    .select(['i.number as invoice_number', 'i.paid_minor as invoice_paid_minor'])
    .where('l.practice_id', '=', scope.practiceId)
    .where('i.client_id', '=', clientId)
    .where('i.currency', '=', currency)
    .where('i.voided_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('invoice_lines as r')
          .select('r.position')
          .whereRef('r.practice_id', '=', 'l.practice_id')
          .whereRef('r.invoice_id', '=', 'l.invoice_id')
          .where('r.date_of_service', '>=', start)
          .where('r.date_of_service', '<=', end),
      ),
    )
    .orderBy('i.issue_date')
    .orderBy('l.invoice_id')
    .orderBy('l.position')
    .execute();
}

export async function insertBillingDocument(scope: Scope, row: Omit<BillingDocumentsTable, 'practice_id'>) {
  await scope.db
    .insertInto('billing_documents')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/** The client's statements or superbills, newest first (at most `limit`). */
export async function listBillingDocuments(scope: Scope, clientId: string, kind: BillingDocumentKind, limit: number) {
  return scope.db
    .selectFrom('billing_documents')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findBillingDocument(
  scope: Scope,
  clientId: string,
  id: string,
  kind?: BillingDocumentKind,
): Promise<BillingDocumentsTable | undefined> {
  let query = scope.db
    .selectFrom('billing_documents')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', id);
  if (kind) query = query.where('kind', '=', kind);
  return query.executeTakeFirst();
}
