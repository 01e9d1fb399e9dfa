import { sql } from 'kysely';
import type {
  AppointmentStatus,
  BillableItemsTable,
  InvoiceLinesTable,
  InvoicesTable,
  LocationKind,
} from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/** What billing reads of an appointment to bill it: its service, location kind and the practice's zone. */
export interface AppointmentToBill {
  id: string;
  client_id: string;
  clinician_id: string;
  service_id: string;
  status: AppointmentStatus;
  starts_at: string;
  time_zone: string;
  service_name: string;
  cpt_code: string | null;
  service_fee_minor: number;
  location_kind: LocationKind;
}

export async function appointmentsToBill(scope: Scope, ids: readonly string[]): Promise<AppointmentToBill[]> {
  if (ids.length === 0) return [];
  return scope.db
    .selectFrom('appointments as a')
    .innerJoin('practices as p', 'p.id', 'a.practice_id')
    .innerJoin('services as s', (j) =>
      j.onRef('s.id', '=', 'a.service_id').onRef('s.practice_id', '=', 'a.practice_id'),
    )
    .innerJoin('locations as l', (j) =>
      j.onRef('l.id', '=', 'a.location_id').onRef('l.practice_id', '=', 'a.practice_id'),
    )
    .select([
      'a.id',
      'a.client_id',
      'a.clinician_id',
      'a.service_id',
      'a.status',
      'a.starts_at',
      'p.time_zone',
      's.name as service_name',
      's.cpt_code',
      's.fee_minor as service_fee_minor',
      'l.kind as location_kind',
    ])
    .where('a.practice_id', '=', scope.practiceId)
    .where('a.id', 'in', ids)
    .execute();
}

export async function itemsOfAppointments(
  scope: Scope,
  appointmentIds: readonly string[],
): Promise<BillableItemsTable[]> {
  if (appointmentIds.length === 0) return [];
  return scope.db
    .selectFrom('billable_items')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('appointment_id', 'in', appointmentIds)
    .execute();
}

export async function insertBillableItem(scope: Scope, row: Omit<BillableItemsTable, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('billable_items')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/** Changes an item not yet invoiced; false when it is on an invoice (or gone). */
export async function updateUnbilledItem(
  scope: Scope,
  id: string,
  changes: Partial<Pick<BillableItemsTable, 'kind' | 'description' | 'cpt_code' | 'fee_minor' | 'updated_at'>>,
): Promise<boolean> {
  const result = await scope.db
    .updateTable('billable_items')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes an item not yet invoiced (its appointment is no longer billable); an invoiced one stays. */
export async function deleteUnbilledItem(scope: Scope, id: string): Promise<void> {
  await scope.db
    .deleteFrom('billable_items')
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .execute();
}

export async function findBillableItem(scope: Scope, id: string): Promise<BillableItemsTable | undefined> {
  return scope.db
    .selectFrom('billable_items')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The client's items on no live invoice (and not waived), oldest first. */
export async function unbilledItemsOf(scope: Scope, clientId: string): Promise<BillableItemsTable[]> {
  return scope.db
    .selectFrom('billable_items')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('invoice_id', 'is', null)
    .where('waived_at', 'is', null)
    .orderBy('date_of_service')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Puts an unbilled item of the client on the invoice at the given fee. The conditional update is
 * what makes an appointment billable once: of two invoices claiming it at once, one updates it.
 */
export async function claimItem(
  scope: Scope,
  item: { id: string; clientId: string; invoiceId: string; feeMinor: number; now: string },
): Promise<BillableItemsTable | undefined> {
  return scope.db
    .updateTable('billable_items')
    .set({ invoice_id: item.invoiceId, fee_minor: item.feeMinor, updated_at: item.now })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', item.id)
    .where('client_id', '=', item.clientId)
    .where('invoice_id', 'is', null)
    .where('waived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The items an invoice bills (none once it is void). */
export async function itemsOfInvoice(scope: Scope, invoiceId: string): Promise<BillableItemsTable[]> {
  return scope.db
    .selectFrom('billable_items')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('date_of_service')
    .orderBy('id')
    .execute();
}

/** The voided invoice's items are unbilled again. */
export async function releaseItems(scope: Scope, invoiceId: string, now: string): Promise<void> {
  await scope.db
    .updateTable('billable_items')
    .set({ invoice_id: null, updated_at: now })
    .where('practice_id', '=', scope.practiceId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

/**
 * The practice's next invoice counter, taken in one statement: the first invoice inserts the
 * counter at 1, each after raises it. Two transactions taking one at once wait on the row (or, in
 * SQLite, on the database), so each gets its own.
 */
export async function takeInvoiceCounter(scope: Scope): Promise<number> {
  const row = await scope.db
    .insertInto('invoice_counters')
    .values({ practice_id: scope.practiceId, next_number: 1 })
    .onConflict((oc) =>
      oc.column('practice_id').doUpdateSet({ next_number: sql<number>`invoice_counters.next_number + 1` }),
    )
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return row.next_number;
}

export async function insertInvoice(scope: Scope, row: Omit<InvoicesTable, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('invoices')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertInvoiceLines(scope: Scope, rows: Omit<InvoiceLinesTable, 'practice_id'>[]): Promise<void> {
  if (rows.length === 0) return;
  await scope.db
    .insertInto('invoice_lines')
    .values(rows.map((row) => ({ ...row, practice_id: scope.practiceId })))
    .execute();
}

export type InvoiceRow = InvoicesTable & { replaces_number: string | null; replaced_by_number: string | null };

function invoicesWithLinks(scope: Scope) {
  return scope.db
    .selectFrom('invoices as i')
    .leftJoin('invoices as r', (j) =>
      j.onRef('r.id', '=', 'i.replaces_invoice_id').onRef('r.practice_id', '=', 'i.practice_id'),
    )
    .leftJoin('invoices as n', (j) =>
      j.onRef('n.replaces_invoice_id', '=', 'i.id').onRef('n.practice_id', '=', 'i.practice_id'),
    )
    .selectAll('i')
    .select(['r.number as replaces_number', 'n.number as replaced_by_number'])
    .where('i.practice_id', '=', scope.practiceId);
}

export async function findInvoice(scope: Scope, id: string): Promise<InvoiceRow | undefined> {
  return invoicesWithLinks(scope).where('i.id', '=', id).executeTakeFirst();
}

/** The client's invoices, newest first. */
export async function invoicesOfClient(scope: Scope, clientId: string): Promise<InvoiceRow[]> {
  return invoicesWithLinks(scope)
    .where('i.client_id', '=', clientId)
    .orderBy('i.issue_date', 'desc')
    .orderBy('i.created_at', 'desc')
    .orderBy('i.number', 'desc')
    .execute();
}

/** Voids the invoice if it is not void yet; false when another void got there first. */
export async function markInvoiceVoid(
  scope: Scope,
  id: string,
  facts: { voidedAt: string; voidedBy: string | null; reason: string },
): Promise<boolean> {
  const result = await scope.db
    .updateTable('invoices')
    .set({ voided_at: facts.voidedAt, voided_by: facts.voidedBy, void_reason: facts.reason })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The payments applied to the invoice, in the order received. */
export async function applicationsOfInvoice(scope: Scope, invoiceId: string) {
  return scope.db
    .selectFrom('payment_applications as pa')
    .innerJoin('payments as p', (j) =>
      j.onRef('p.id', '=', 'pa.payment_id').onRef('p.practice_id', '=', 'pa.practice_id'),
    )
    .select(['pa.id', 'pa.payment_id', 'pa.amount_minor', 'p.received_on', 'p.method', 'p.reference'])
    .where('pa.practice_id', '=', scope.practiceId)
    .where('pa.invoice_id', '=', invoiceId)
    .orderBy('p.received_on')
    .orderBy('pa.created_at')
    .orderBy('pa.id')
    .execute();
}

/**
 * Takes every payment off a voided invoice: each payment's applied amount falls by its part (that
 * money is the client's credit again), the applications go and the invoice's paid amount is 0.
 * Call in the transaction that voids it.
 */
export async function removeApplications(scope: Scope, invoiceId: string): Promise<number> {
  const applications = await applicationsOfInvoice(scope, invoiceId);
  for (const application of applications) {
    await scope.db
      .updateTable('payments')
      .set((eb) => ({ applied_minor: eb('applied_minor', '-', application.amount_minor) }))
      .where('practice_id', '=', scope.practiceId)
      .where('id', '=', application.payment_id)
      .execute();
  }
  if (applications.length > 0) {
    await scope.db
      .deleteFrom('payment_applications')
      .where('practice_id', '=', scope.practiceId)
      .where('invoice_id', '=', invoiceId)
      .execute();
  }
  await scope.db
    .updateTable('invoices')
    .set({ paid_minor: 0 })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', invoiceId)
    .execute();
  return applications.reduce((sum, a) => sum + a.amount_minor, 0);
}
