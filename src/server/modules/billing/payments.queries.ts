import { sql } from 'kysely';
import type { AgingSort } from '../../../shared/schemas/billing-payments.js';
import type { InvoicesTable, PaymentApplicationsTable, PaymentsTable } from '../../db/schema.js';
import type { Context, Scope } from '../../platform/request-context.js';
import { withinReach } from '../clients/index.js';

/**
 * Payments, their applications and the open invoices they pay (docs/decisions/040). Every raise of
 * an amount is a conditional update that cannot pass its limit, backed by the tables' checks; a
 * caller reads the rows it will change with `for update` on PostgreSQL (SQLite's transactions
 * already hold the write lock from their start).
 */

export type OpenInvoiceRow = Pick<
  InvoicesTable,
  'id' | 'client_id' | 'number' | 'issue_date' | 'due_date' | 'total_minor' | 'paid_minor' | 'voided_at'
>;

const invoiceColumns = [
  'id',
  'client_id',
  'number',
  'issue_date',
  'due_date',
  'total_minor',
  'paid_minor',
  'voided_at',
] as const;

/** The client's invoices not void and not fully paid, oldest first (issue date, then number), locked. */
export async function listOpenInvoices(tx: Context, clientId: string): Promise<OpenInvoiceRow[]> {
  let query = tx.db
    .selectFrom('invoices')
    .select(invoiceColumns)
    .where('practice_id', '=', tx.practiceId)
    .where('client_id', '=', clientId)
    .where('voided_at', 'is', null)
    .whereRef('paid_minor', '<', 'total_minor')
    .orderBy('issue_date')
    .orderBy('number');
  if (tx.deps.dialect === 'postgres') query = query.forUpdate();
  return query.execute();
}

/** The client's invoices of these ids (void or not), locked, in issue order. */
export async function lockChosenInvoices(
  tx: Context,
  clientId: string,
  ids: readonly string[],
): Promise<OpenInvoiceRow[]> {
  if (ids.length === 0) return [];
  let query = tx.db
    .selectFrom('invoices')
    .select(invoiceColumns)
    .where('practice_id', '=', tx.practiceId)
    .where('client_id', '=', clientId)
    .where('id', 'in', [...ids])
    .orderBy('issue_date')
    .orderBy('number');
  if (tx.deps.dialect === 'postgres') query = query.forUpdate();
  return query.execute();
}

/** Raises an invoice's paid amount unless that would pass its total or it is void: whether it did. */
export async function raiseInvoicePaid(scope: Scope, invoiceId: string, amountMinor: number): Promise<boolean> {
  const result = await scope.db
    .updateTable('invoices')
    .set((eb) => ({ paid_minor: eb('paid_minor', '+', amountMinor) }))
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', invoiceId)
    .where('voided_at', 'is', null)
    .where(sql<boolean>`paid_minor + ${amountMinor} <= total_minor`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Raises a payment's applied or refunded amount unless applied + refunded would pass its amount. */
export async function raisePaymentUse(
  scope: Scope,
  paymentId: string,
  column: 'applied_minor' | 'refunded_minor',
  amountMinor: number,
): Promise<boolean> {
  const result = await scope.db
    .updateTable('payments')
    .set((eb) => ({ [column]: eb(column, '+', amountMinor) }))
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', paymentId)
    .where('kind', '=', 'payment')
    .where(sql<boolean>`applied_minor + refunded_minor + ${amountMinor} <= amount_minor`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertPayment(scope: Scope, row: Omit<PaymentsTable, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('payments')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertApplication(
  scope: Scope,
  row: Omit<PaymentApplicationsTable, 'practice_id'>,
): Promise<void> {
  await scope.db
    .insertInto('payment_applications')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/** One payment of the client (of kind payment), locked. */
export async function findClientPayment(
  tx: Context,
  clientId: string,
  paymentId: string,
): Promise<PaymentsTable | undefined> {
  let query = tx.db
    .selectFrom('payments')
    .selectAll()
    .where('practice_id', '=', tx.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', paymentId)
    .where('kind', '=', 'payment');
  if (tx.deps.dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The client's payments with unapplied credit, oldest first (received, then recorded), locked. */
export async function listPaymentsWithCredit(tx: Context, clientId: string): Promise<PaymentsTable[]> {
  let query = tx.db
    .selectFrom('payments')
    .selectAll()
    .where('practice_id', '=', tx.practiceId)
    .where('client_id', '=', clientId)
    .where('kind', '=', 'payment')
    .where(sql<boolean>`applied_minor + refunded_minor < amount_minor`)
    .orderBy('received_on')
    .orderBy('created_at')
    .orderBy('id');
  if (tx.deps.dialect === 'postgres') query = query.forUpdate();
  return query.execute();
}

/** The client's payments and refunds, newest first. */
export async function listClientPaymentRows(scope: Scope, clientId: string): Promise<PaymentsTable[]> {
  return scope.db
    .selectFrom('payments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Which invoices the client's payments were applied to, with each invoice's number. */
export async function listClientApplications(
  scope: Scope,
  clientId: string,
): Promise<{ payment_id: string; invoice_id: string; number: string; amount_minor: number }[]> {
  return scope.db
    .selectFrom('payment_applications as a')
    .innerJoin('payments as p', (join) =>
      join.onRef('p.practice_id', '=', 'a.practice_id').onRef('p.id', '=', 'a.payment_id'),
    )
    .innerJoin('invoices as i', (join) =>
      join.onRef('i.practice_id', '=', 'a.practice_id').onRef('i.id', '=', 'a.invoice_id'),
    )
    .select(['a.payment_id', 'a.invoice_id', 'i.number', 'a.amount_minor'])
    .where('a.practice_id', '=', scope.practiceId)
    .where('p.client_id', '=', clientId)
    .orderBy('a.created_at')
    .orderBy('i.issue_date')
    .orderBy('i.number')
    .execute();
}

/** The client's open invoices, oldest first, unlocked (for reading the balance). */
export async function readOpenInvoices(scope: Scope, clientId: string): Promise<OpenInvoiceRow[]> {
  return scope.db
    .selectFrom('invoices')
    .select(invoiceColumns)
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('voided_at', 'is', null)
    .whereRef('paid_minor', '<', 'total_minor')
    .orderBy('issue_date')
    .orderBy('number')
    .execute();
}

/** The client's credit: the payments' amounts neither applied nor refunded. */
export async function sumClientCredit(scope: Scope, clientId: string): Promise<number> {
  const row = await scope.db
    .selectFrom('payments')
    .select(sql<number | string | null>`sum(amount_minor - applied_minor - refunded_minor)`.as('credit'))
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('kind', '=', 'payment')
    .executeTakeFirst();
  return Number(row?.credit ?? 0);
}

/**
 * The first issue dates of each aging bucket counted back from today: an open invoice issued on or
 * after `current` is 0–30 days past its issue date, on or after `days60` 31–60, on or after
 * `days90` 61–90, else 90+.
 */
export interface AgingCuts {
  current: string;
  days60: string;
  days90: string;
}

export interface AgingRow {
  client_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  open_minor: number;
  current_minor: number;
  days31to60_minor: number;
  days61to90_minor: number;
  over90_minor: number;
  credit_minor: number;
}

const sums = [
  'open_minor',
  'current_minor',
  'days31to60_minor',
  'days61to90_minor',
  'over90_minor',
  'credit_minor',
] as const;
export type AgingSums = Record<(typeof sums)[number], number>;

/**
 * The practice's open balances and credit per client within the caller's reach: one grouped
 * query over open invoices and payments with credit (the invoices_client and payments_client
 * indexes), clients with something open or some credit only.
 */
function agingByClient(scope: Scope, cuts: AgingCuts) {
  const owed = sql<number>`i.total_minor - i.paid_minor`;
  const open = scope.db
    .selectFrom('invoices as i')
    .where('i.practice_id', '=', scope.practiceId)
    .where('i.voided_at', 'is', null)
    .whereRef('i.paid_minor', '<', 'i.total_minor')
    .select([
      'i.client_id',
      owed.as('open_minor'),
      sql<number>`case when i.issue_date >= ${cuts.current} then ${owed} else 0 end`.as('current_minor'),
      sql<number>`case when i.issue_date < ${cuts.current} and i.issue_date >= ${cuts.days60} then ${owed} else 0 end`.as(
        'days31to60_minor',
      ),
      sql<number>`case when i.issue_date < ${cuts.days60} and i.issue_date >= ${cuts.days90} then ${owed} else 0 end`.as(
        'days61to90_minor',
      ),
      sql<number>`case when i.issue_date < ${cuts.days90} then ${owed} else 0 end`.as('over90_minor'),
      sql<number>`0`.as('credit_minor'),
    ]);
  const credit = scope.db
    .selectFrom('payments as p')
    .where('p.practice_id', '=', scope.practiceId)
    .where('p.kind', '=', 'payment')
    .where(sql<boolean>`p.applied_minor + p.refunded_minor < p.amount_minor`)
    .select([
      'p.client_id',
      sql<number>`0`.as('open_minor'),
      sql<number>`0`.as('current_minor'),
      sql<number>`0`.as('days31to60_minor'),
      sql<number>`0`.as('days61to90_minor'),
      sql<number>`0`.as('over90_minor'),
      sql<number>`p.amount_minor - p.applied_minor - p.refunded_minor`.as('credit_minor'),
    ]);
  const grouped = scope.db
    .selectFrom(open.unionAll(credit).as('x'))
    .innerJoin('clients as c', (join) =>
      join.onRef('c.id', '=', 'x.client_id').on('c.practice_id', '=', scope.practiceId),
    )
    .select([
      'x.client_id',
      'c.first_name',
      'c.last_name',
      'c.preferred_name',
      'c.sort_name',
      ...sums.map((name) => sql<number>`sum(${sql.ref(`x.${name}`)})`.as(name)),
    ])
    .groupBy(['x.client_id', 'c.first_name', 'c.last_name', 'c.preferred_name', 'c.sort_name']);
  return withinReach(grouped, scope, 'x.client_id');
}

const orderings: Record<AgingSort, ReturnType<typeof sql.raw>> = {
  balance_desc: sql.raw('sum(x.open_minor) - sum(x.credit_minor) desc, c.sort_name, x.client_id'),
  balance_asc: sql.raw('sum(x.open_minor) - sum(x.credit_minor) asc, c.sort_name, x.client_id'),
  name: sql.raw('c.sort_name, x.client_id'),
};

function numbers<T extends Record<string, unknown>>(row: T, keys: readonly string[]): T {
  const copy: Record<string, unknown> = { ...row };
  for (const key of keys) copy[key] = Number(copy[key] ?? 0);
  return copy as T;
}

/** One page of the practice's clients with an open balance or credit, in the order asked. */
export async function listAgingPage(
  scope: Scope,
  cuts: AgingCuts,
  sort: AgingSort,
  page: number,
  pageSize: number,
): Promise<AgingRow[]> {
  const rows = await agingByClient(scope, cuts)
    .orderBy(orderings[sort])
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return rows.map(({ sort_name: _sortName, ...row }) => numbers(row, sums));
}

/** How many clients have an open balance or credit, and the practice's sums over them. */
export async function sumAging(scope: Scope, cuts: AgingCuts): Promise<AgingSums & { clients: number }> {
  const row = await scope.db
    .selectFrom(agingByClient(scope, cuts).as('g'))
    .select([
      sql<number>`count(*)`.as('clients'),
      ...sums.map((name) => sql<number>`sum(${sql.ref(`g.${name}`)})`.as(name)),
    ])
    .executeTakeFirstOrThrow();
  return numbers(row, ['clients', ...sums]);
}
