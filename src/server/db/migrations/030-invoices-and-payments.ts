import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';

/**
 * The billing ledger (issue 20, docs/decisions/040). Money is integer minor units of the row's
 * `currency`; dates of service, issue and due dates are the practice's wall-clock dates
 * (YYYY-MM-DD); instants are UTC. Every "only one may win" is a constraint here:
 *
 * - `billable_items`: what an attended, no-show or late-cancelled appointment owes, one row per
 *   appointment (unique), its fee editable until invoiced. `invoice_id` is set when a line of an
 *   invoice bills it and cleared when that invoice is voided; the conditional update
 *   (`where invoice_id is null`) makes two invoices for one appointment impossible.
 * - `invoices`: number (unique in the practice), issue and due dates, currency, total, what has
 *   been applied to it (`paid_minor`, held between 0 and the total by a check), void facts and the
 *   invoice it replaces, and `snapshot`: the whole document as issued (JSON), which its PDF is
 *   rendered from. An issued invoice never changes but for `paid_minor` and its void.
 * - `invoice_lines`: the lines as issued, for statements, superbills and reports by date of service.
 * - `invoice_counters`: the next invoice number of a practice.
 * - `payments`: money received (`kind` payment) or returned (`kind` refund, pointing at the payment
 *   it returns). A payment's `applied_minor` (to invoices) plus `refunded_minor` never exceed its
 *   amount (a check), so its credit, amount − applied − refunded, is never negative.
 * - `payment_applications`: which part of a payment paid which invoice.
 * - `billing_documents`: statements and superbills as issued for a date range, with their snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('billable_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date_of_service', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cpt_code', 'text')
    .addColumn('units', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('fee_minor', 'integer', (c) => c.notNull())
    .addColumn('place_of_service', 'text', (c) => c.notNull())
    .addColumn('modifiers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invoice_id', 'text')
    .addColumn('waived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('billable_items_fee', sql`fee_minor >= 0 and units >= 1`)
    .execute();
  await db.schema
    .createIndex('billable_items_appointment')
    .unique()
    .on('billable_items')
    .columns(['practice_id', 'appointment_id'])
    .execute();
  await db.schema
    .createIndex('billable_items_client')
    .on('billable_items')
    .columns(['practice_id', 'client_id', 'invoice_id'])
    .execute();

  await db.schema
    .createTable('invoice_counters')
    .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practices.id'))
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('paid_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaces_invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('void_reason', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addCheckConstraint('invoices_amounts', sql`total_minor >= 0 and paid_minor >= 0 and paid_minor <= total_minor`)
    .execute();
  await db.schema.createIndex('invoices_number').unique().on('invoices').columns(['practice_id', 'number']).execute();
  await db.schema
    .createIndex('invoices_client')
    .on('invoices')
    .columns(['practice_id', 'client_id', 'issue_date'])
    .execute();
  // One replacement per voided invoice: a re-issue racing another cannot both win.
  await db.schema
    .createIndex('invoices_replaces')
    .unique()
    .on('invoices')
    .columns(['practice_id', 'replaces_invoice_id'])
    .where(sql.ref('replaces_invoice_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('billable_item_id', 'text', (c) => c.references('billable_items.id'))
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
    .addColumn('clinician_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date_of_service', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cpt_code', 'text')
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('fee_minor', 'integer', (c) => c.notNull())
    .addColumn('place_of_service', 'text', (c) => c.notNull())
    .addColumn('modifiers', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_lines_pk', ['practice_id', 'invoice_id', 'position'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('refund_of_payment_id', 'text', (c) => c.references('payments.id'))
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('applied_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addCheckConstraint(
      'payments_amounts',
      sql`amount_minor > 0 and applied_minor >= 0 and refunded_minor >= 0 and applied_minor + refunded_minor <= amount_minor`,
    )
    .execute();
  await db.schema
    .createIndex('payments_client')
    .on('payments')
    .columns(['practice_id', 'client_id', 'received_on'])
    .execute();

  await db.schema
    .createTable('payment_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addCheckConstraint('payment_applications_amount', sql`amount_minor > 0`)
    .execute();
  await db.schema
    .createIndex('payment_applications_invoice')
    .on('payment_applications')
    .columns(['practice_id', 'invoice_id'])
    .execute();
  await db.schema
    .createIndex('payment_applications_payment')
    .on('payment_applications')
    .columns(['practice_id', 'payment_id'])
    .execute();

  await db.schema
    .createTable('billing_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addCheckConstraint('billing_documents_period', sql`period_start <= period_end`)
    .execute();
  await db.schema
    .createIndex('billing_documents_client')
    .on('billing_documents')
    .columns(['practice_id', 'client_id', 'created_at'])
    .execute();

  await backfillBillableItems(db);
}

interface PastAppointment {
  id: string;
  practice_id: string;
  client_id: string;
  clinician_id: string;
  service_id: string;
  status: string;
  starts_at: string;
  time_zone: string;
  service_name: string;
  cpt_code: string | null;
  service_fee: number;
  location_kind: string;
  late_cancel_fee_minor: number | null;
  no_show_fee_minor: number | null;
}

/**
 * Appointments already marked attended, no-show or late-cancelled before billing existed become
 * billable items as they would have then (the service's fee; the practice's fees, when set).
 */
async function backfillBillableItems(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const rows = (await db
    .selectFrom('appointments as a')
    .innerJoin('practices as p', 'p.id', 'a.practice_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('locations as l', 'l.id', 'a.location_id')
    .leftJoin('practice_billing_settings as b', 'b.practice_id', 'a.practice_id')
    .where('a.status', 'in', ['attended', 'no_show', 'late_cancelled'])
    .select([
      'a.id',
      'a.practice_id',
      'a.client_id',
      'a.clinician_id',
      'a.service_id',
      'a.status',
      'a.starts_at',
      'p.time_zone',
      's.name as service_name',
      's.cpt_code',
      's.fee_minor as service_fee',
      'l.kind as location_kind',
      'b.late_cancel_fee_minor',
      'b.no_show_fee_minor',
    ])
    .execute()) as unknown as PastAppointment[];
  const now = new Date().toISOString();
  for (const row of rows) {
    const item = billableItemOf(row);
    if (item === null) continue;
    await db
      .insertInto('billable_items')
      .values({
        id: randomUUID(),
        practice_id: row.practice_id,
        client_id: row.client_id,
        appointment_id: row.id,
        clinician_id: row.clinician_id,
        service_id: row.service_id,
        date_of_service:
          DateTime.fromISO(row.starts_at, { zone: 'utc' }).setZone(row.time_zone).toISODate() ??
          row.starts_at.slice(0, 10),
        units: 1,
        place_of_service: row.location_kind === 'telehealth' ? '10' : '11',
        modifiers: row.location_kind === 'telehealth' ? '95' : '',
        invoice_id: null,
        waived_at: null,
        created_at: now,
        updated_at: now,
        ...item,
      })
      .execute();
  }
}

function billableItemOf(
  row: PastAppointment,
): { kind: string; description: string; cpt_code: string | null; fee_minor: number } | null {
  if (row.status === 'attended') {
    return { kind: 'service', description: row.service_name, cpt_code: row.cpt_code, fee_minor: row.service_fee };
  }
  const fee = row.status === 'no_show' ? row.no_show_fee_minor : row.late_cancel_fee_minor;
  if (fee === null || fee === 0) return null;
  const kind = row.status === 'no_show' ? 'no_show' : 'late_cancel';
  const label = row.status === 'no_show' ? 'No-show' : 'Late cancellation';
  return { kind, description: `${label}: ${row.service_name}`, cpt_code: null, fee_minor: fee };
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('billing_documents').execute();
  await db.schema.dropTable('payment_applications').execute();
  await db.schema.dropTable('payments').execute();
  await db.schema.dropTable('invoice_lines').execute();
  await db.schema.dropTable('invoices').execute();
  await db.schema.dropTable('invoice_counters').execute();
  await db.schema.dropTable('billable_items').execute();
}
