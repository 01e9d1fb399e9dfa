import { DateTime } from 'luxon';
import type { BilledLine, InvoiceSnapshot } from '../../src/shared/schemas/billing-snapshots.js';
import type { PaymentMethod } from '../../src/server/db/schema.js';
import type { AppDeps } from '../../src/server/deps.js';
import { clientBlockNow, providerBlockNow } from '../../src/server/modules/billing/billing-blocks.js';
import { iso } from '../../src/server/platform/clock.js';
import { systemContext } from '../../src/server/platform/request-context.js';
import { newId } from '../../src/server/platform/tokens.js';
import { createAppointment, createLocation, createService } from './scheduling.js';

/** A line billed (default: one 90834 "Individual therapy" office session of $150 on 2026-03-02). */
export function billedLineOf(overrides: Partial<BilledLine> = {}): BilledLine {
  return {
    dateOfService: '2026-03-02',
    kind: 'service',
    description: 'Individual therapy',
    cptCode: '90834',
    modifiers: '',
    placeOfService: '11',
    units: 1,
    feeMinor: 15_000,
    clinicianId: null,
    ...overrides,
  };
}

/**
 * An invoice written as it stands, with its lines and snapshot (no billable items, no numbering
 * counter): for tests of what reads invoices. Default: INV-<random>, issued 2026-03-02, due in 30
 * days, one line of $150, nothing paid.
 */
export async function createInvoice(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  overrides: {
    number?: string;
    issueDate?: string;
    dueDate?: string;
    currency?: string;
    lines?: readonly BilledLine[];
    paidMinor?: number;
    voidedAt?: string | null;
    replacesInvoiceId?: string | null;
  } = {},
): Promise<{ id: string; number: string; totalMinor: number }> {
  const ctx = systemContext(deps, practiceId);
  const id = newId();
  const number = overrides.number ?? `INV-${id.slice(0, 6)}`;
  const lines = overrides.lines ?? [billedLineOf({ dateOfService: overrides.issueDate ?? '2026-03-02' })];
  const totalMinor = lines.reduce((sum, line) => sum + line.feeMinor, 0);
  const issueDate = overrides.issueDate ?? '2026-03-02';
  const snapshot: InvoiceSnapshot = {
    number,
    issueDate,
    dueDate: overrides.dueDate ?? DateTime.fromISO(issueDate).plus({ days: 30 }).toISODate() ?? issueDate,
    currency: overrides.currency ?? 'USD',
    provider: await providerBlockNow(ctx, lines[0]?.clinicianId ?? null),
    client: await clientBlockNow(ctx, clientId),
    lines: [...lines],
    totalMinor,
    replacesNumber: null,
  };
  const now = iso(deps.clock.now());
  await deps.db
    .insertInto('invoices')
    .values({
      id,
      practice_id: practiceId,
      client_id: clientId,
      number,
      issue_date: issueDate,
      due_date: snapshot.dueDate,
      currency: snapshot.currency,
      total_minor: totalMinor,
      paid_minor: overrides.paidMinor ?? 0,
      replaces_invoice_id: overrides.replacesInvoiceId ?? null,
      voided_at: overrides.voidedAt ?? null,
      voided_by: null,
      void_reason: overrides.voidedAt ? 'Corrected' : null,
      snapshot: JSON.stringify(snapshot),
      created_at: now,
      created_by: null,
    })
    .execute();
  if (lines.length > 0) {
    await deps.db
      .insertInto('invoice_lines')
      .values(
        lines.map((line, position) => ({
          practice_id: practiceId,
          invoice_id: id,
          position,
          billable_item_id: null,
          appointment_id: null,
          clinician_id: line.clinicianId,
          kind: line.kind,
          date_of_service: line.dateOfService,
          description: line.description,
          cpt_code: line.cptCode,
          units: line.units,
          fee_minor: line.feeMinor,
          place_of_service: line.placeOfService,
          modifiers: line.modifiers,
        })),
      )
      .execute();
  }
  return { id, number, totalMinor };
}

/**
 * A payment written as it stands, applied to the given invoices (each application raising the
 * invoice's paid amount); what is not applied stays as the client's credit. Default: $100 cash.
 */
export async function createPayment(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  overrides: {
    amountMinor?: number;
    receivedOn?: string;
    method?: PaymentMethod;
    reference?: string | null;
    applications?: readonly { invoiceId: string; amountMinor: number }[];
  } = {},
): Promise<{ id: string }> {
  const id = newId();
  const now = iso(deps.clock.now());
  const applications = overrides.applications ?? [];
  const applied = applications.reduce((sum, a) => sum + a.amountMinor, 0);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payments')
      .values({
        id,
        practice_id: practiceId,
        client_id: clientId,
        kind: 'payment',
        refund_of_payment_id: null,
        amount_minor: overrides.amountMinor ?? 10_000,
        currency: 'USD',
        received_on: overrides.receivedOn ?? '2026-03-05',
        method: overrides.method ?? 'cash',
        reference: overrides.reference ?? null,
        applied_minor: applied,
        refunded_minor: 0,
        created_at: now,
        created_by: null,
      })
      .execute();
    for (const application of applications) {
      await trx
        .insertInto('payment_applications')
        .values({
          id: newId(),
          practice_id: practiceId,
          payment_id: id,
          invoice_id: application.invoiceId,
          amount_minor: application.amountMinor,
          created_at: now,
          created_by: null,
        })
        .execute();
      await trx
        .updateTable('invoices')
        .set((eb) => ({ paid_minor: eb('paid_minor', '+', application.amountMinor) }))
        .where('id', '=', application.invoiceId)
        .execute();
    }
  });
  return { id };
}

/** A refund of part of a payment's unapplied credit, as it stands (raises the payment's refunded amount). */
export async function createRefund(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  paymentId: string,
  overrides: { amountMinor?: number; receivedOn?: string } = {},
): Promise<{ id: string }> {
  const id = newId();
  const amount = overrides.amountMinor ?? 2_000;
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payments')
      .values({
        id,
        practice_id: practiceId,
        client_id: clientId,
        kind: 'refund',
        refund_of_payment_id: paymentId,
        amount_minor: amount,
        currency: 'USD',
        received_on: overrides.receivedOn ?? '2026-03-20',
        method: 'cash',
        reference: null,
        applied_minor: 0,
        refunded_minor: 0,
        created_at: now,
        created_by: null,
      })
      .execute();
    await trx
      .updateTable('payments')
      .set((eb) => ({ refunded_minor: eb('refunded_minor', '+', amount) }))
      .where('id', '=', paymentId)
      .execute();
  });
  return { id };
}

/**
 * An unbilled item of an attended appointment, as marking it attended writes one (default: the
 * service's $150 office session on 2026-03-02). Makes the service, location and appointment too.
 */
export async function createBillableItem(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  clinicianId: string,
  overrides: { feeMinor?: number; dateOfService?: string } = {},
): Promise<{ id: string; appointmentId: string }> {
  const service = await createService(deps, practiceId, { clinicianIds: [clinicianId] });
  const location = await createLocation(deps, practiceId);
  const dateOfService = overrides.dateOfService ?? '2026-03-02';
  const startsAt = `${dateOfService}T15:00:00.000Z`;
  const appointment = await createAppointment(deps, practiceId, {
    clientId,
    clinicianId,
    serviceId: service.id,
    locationId: location.id,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 50 * 60_000).toISOString(),
    status: 'attended',
  });
  const id = newId();
  const now = iso(deps.clock.now());
  await deps.db
    .insertInto('billable_items')
    .values({
      id,
      practice_id: practiceId,
      client_id: clientId,
      appointment_id: appointment.id,
      clinician_id: clinicianId,
      service_id: service.id,
      kind: 'service',
      date_of_service: dateOfService,
      description: service.name,
      cpt_code: '90834',
      units: 1,
      fee_minor: overrides.feeMinor ?? 15_000,
      place_of_service: '11',
      modifiers: '',
      invoice_id: null,
      waived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, appointmentId: appointment.id };
}
