import { DateTime } from 'luxon';
import type { InvoiceSnapshot } from '../src/shared/schemas/billing-snapshots.js';
import type { Db } from '../src/server/db/database.js';
import { newId } from '../src/server/platform/tokens.js';

/** The client's history: one invoice a weekday-ish, this many, the newest yesterday. */
export const benchInvoices = 500;
const feeMinor = 15_000;
/** Every invoice older than this many days is paid in full; newer ones stay open (aging has something to show). */
const paidAfterDays = 60;

export interface BillingSeed {
  clientId: string;
  invoices: number;
  paid: number;
  /** The first and last dates of service, YYYY-MM-DD. */
  from: string;
  to: string;
  /** An open invoice's id, to render. */
  openInvoiceId: string;
}

/**
 * Gives the bench client a long billing history written as the ledger holds it: `benchInvoices`
 * invoices of one $150 session each (numbered INV-1…, every ~1.5 days back from yesterday, due in
 * 30 days), each older than 60 days paid by its own card payment; its clinician's identity, the
 * practice's billing settings and two diagnoses so documents have every block; and the portal
 * permission to see billing.
 */
export async function seedBilling(
  db: Db,
  practice: { id: string; name: string; timeZone: string; owner: { id: string; name: string } },
  clientId: string,
): Promise<BillingSeed> {
  const now = new Date().toISOString();
  const today = DateTime.now().setZone(practice.timeZone).startOf('day');
  await db
    .insertInto('practice_billing_settings')
    .values({
      practice_id: practice.id,
      legal_name: `${practice.name} LLC`,
      address: '1 Bench Street\nBoston, MA 02110',
      phone: '+16175550100',
      tax_id: '12-3456789',
      group_npi: '1234567893',
      currency: 'USD',
      invoice_prefix: 'INV-',
      payment_terms_days: 30,
      invoice_mode: 'manual',
      late_cancel_fee_minor: 5_000,
      no_show_fee_minor: 7_500,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('clinician_billing_identities')
    .values({
      practice_id: practice.id,
      staff_id: practice.owner.id,
      credentials: 'LCSW',
      npi: '1234567893',
      license_number: '118822',
      license_state: 'MA',
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('client_diagnoses')
    .values([
      {
        practice_id: practice.id,
        client_id: clientId,
        position: 0,
        code: 'F41.1',
        description: 'Generalized anxiety disorder',
      },
      {
        practice_id: practice.id,
        client_id: clientId,
        position: 1,
        code: 'F32.1',
        description: 'Major depressive disorder',
      },
    ])
    .execute();
  await db
    .updateTable('portal_access')
    .set({ perm_billing: 1 })
    .where('practice_id', '=', practice.id)
    .where('client_id', '=', clientId)
    .execute();
  const client = await db
    .selectFrom('clients')
    .select(['first_name', 'last_name', 'date_of_birth'])
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();

  const invoices = [];
  const lines = [];
  const payments = [];
  const applications = [];
  let paid = 0;
  let openInvoiceId = '';
  for (let n = 1; n <= benchInvoices; n++) {
    const issued = today.minus({ days: Math.round((benchInvoices - n + 1) * 1.5) });
    const issueDate = issued.toISODate() ?? '';
    const dueDate = issued.plus({ days: 30 }).toISODate() ?? '';
    const id = newId();
    const isPaid = today.diff(issued, 'days').days > paidAfterDays;
    const number = `INV-${n}`;
    const snapshot: InvoiceSnapshot = {
      number,
      issueDate,
      dueDate,
      currency: 'USD',
      provider: {
        practiceName: practice.name,
        legalName: `${practice.name} LLC`,
        address: '1 Bench Street\nBoston, MA 02110',
        phone: '(617) 555-0100',
        taxId: '12-3456789',
        groupNpi: '1234567893',
        clinician: {
          staffId: practice.owner.id,
          name: practice.owner.name,
          credentials: 'LCSW',
          npi: '1234567893',
          licenseNumber: '118822',
          licenseState: 'MA',
        },
      },
      client: {
        clientId,
        name: `${client.first_name} ${client.last_name}`,
        dateOfBirth: client.date_of_birth,
        billingAddress: null,
        payerName: null,
        memberId: null,
        diagnoses: [
          { pointer: 'A', code: 'F41.1', description: 'Generalized anxiety disorder' },
          { pointer: 'B', code: 'F32.1', description: 'Major depressive disorder' },
        ],
      },
      lines: [
        {
          dateOfService: issueDate,
          kind: 'service',
          description: 'Individual therapy',
          cptCode: '90834',
          modifiers: '',
          placeOfService: '11',
          units: 1,
          feeMinor,
          clinicianId: practice.owner.id,
        },
      ],
      totalMinor: feeMinor,
      replacesNumber: null,
    };
    invoices.push({
      id,
      practice_id: practice.id,
      client_id: clientId,
      number,
      issue_date: issueDate,
      due_date: dueDate,
      currency: 'USD',
      total_minor: feeMinor,
      paid_minor: isPaid ? feeMinor : 0,
      replaces_invoice_id: null,
      voided_at: null,
      voided_by: null,
      void_reason: null,
      snapshot: JSON.stringify(snapshot),
      created_at: now,
      created_by: practice.owner.id,
    });
    lines.push({
      practice_id: practice.id,
      invoice_id: id,
      position: 0,
      billable_item_id: null,
      appointment_id: null,
      clinician_id: practice.owner.id,
      kind: 'service' as const,
      date_of_service: issueDate,
      description: 'Individual therapy',
      cpt_code: '90834',
      units: 1,
      fee_minor: feeMinor,
      place_of_service: '11',
      modifiers: '',
    });
    if (isPaid) {
      paid += 1;
      const paymentId = newId();
      payments.push({
        id: paymentId,
        practice_id: practice.id,
        client_id: clientId,
        kind: 'payment' as const,
        refund_of_payment_id: null,
        amount_minor: feeMinor,
        currency: 'USD',
        received_on: issued.plus({ days: 7 }).toISODate() ?? '',
        method: 'card' as const,
        reference: `card ${n}`,
        applied_minor: feeMinor,
        refunded_minor: 0,
        created_at: now,
        created_by: practice.owner.id,
      });
      applications.push({
        id: newId(),
        practice_id: practice.id,
        payment_id: paymentId,
        invoice_id: id,
        amount_minor: feeMinor,
        created_at: now,
        created_by: practice.owner.id,
      });
    } else {
      openInvoiceId = id;
    }
  }
  for (let at = 0; at < invoices.length; at += 100) {
    await db
      .insertInto('invoices')
      .values(invoices.slice(at, at + 100))
      .execute();
    await db
      .insertInto('invoice_lines')
      .values(lines.slice(at, at + 100))
      .execute();
  }
  for (let at = 0; at < payments.length; at += 100) {
    await db
      .insertInto('payments')
      .values(payments.slice(at, at + 100))
      .execute();
    await db
      .insertInto('payment_applications')
      .values(applications.slice(at, at + 100))
      .execute();
  }
  return {
    clientId,
    invoices: invoices.length,
    paid,
    from: invoices[0]?.issue_date ?? '',
    to: invoices.at(-1)?.issue_date ?? '',
    openInvoiceId,
  };
}
