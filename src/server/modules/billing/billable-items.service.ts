import { DateTime } from 'luxon';
import type { AppointmentStatus, BillableItemKind, PracticeBillingSettingsTable } from '../../db/schema.js';
import { iso } from '../../platform/clock.js';
import type { Context } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { effectiveBillingSettings } from './billing-blocks.js';
import {
  appointmentsToBill,
  deleteUnbilledItem,
  insertBillableItem,
  itemsOfAppointments,
  updateUnbilledItem,
  type AppointmentToBill,
} from './invoices.queries.js';
import { issueInvoiceIn } from './invoices.service.js';

/** An appointment whose status was set, and the status it had before. */
export interface AppointmentStatusChange {
  appointmentId: string;
  from: AppointmentStatus;
}

interface ItemTerms {
  kind: BillableItemKind;
  description: string;
  cpt_code: string | null;
  fee_minor: number;
}

/**
 * What the appointment owes in its status (decision 040): attended, its service's fee and CPT
 * code; no-show or late-cancelled, the practice's fee for it when not zero; else nothing.
 */
function termsOf(appointment: AppointmentToBill, settings: PracticeBillingSettingsTable): ItemTerms | null {
  if (appointment.status === 'attended')
    return {
      kind: 'service',
      description: appointment.service_name,
      cpt_code: appointment.cpt_code,
      fee_minor: appointment.service_fee_minor,
    };
  if (appointment.status === 'no_show' && settings.no_show_fee_minor > 0)
    return {
      kind: 'no_show',
      description: `No-show: ${appointment.service_name}`,
      cpt_code: null,
      fee_minor: settings.no_show_fee_minor,
    };
  if (appointment.status === 'late_cancelled' && settings.late_cancel_fee_minor > 0)
    return {
      kind: 'late_cancel',
      description: `Late cancellation: ${appointment.service_name}`,
      cpt_code: null,
      fee_minor: settings.late_cancel_fee_minor,
    };
  return null;
}

/**
 * Brings the appointments' billable items in line with the statuses just set, in the transaction
 * that set them: a billable status writes the item (or, while unbilled, turns it into the new
 * kind); a status that owes nothing removes an unbilled item, and leaves an invoiced one for staff
 * to void. In per-appointment mode an appointment newly marked attended is invoiced at once.
 */
export async function billAppointments(tx: Context, changes: readonly AppointmentStatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  const previous = new Map(changes.map((c) => [c.appointmentId, c.from]));
  const appointments = await appointmentsToBill(
    tx,
    changes.map((c) => c.appointmentId),
  );
  const items = new Map(
    (
      await itemsOfAppointments(
        tx,
        appointments.map((a) => a.id),
      )
    ).map((item) => [item.appointment_id, item]),
  );
  const settings = await effectiveBillingSettings(tx);
  const now = iso(tx.clock.now());
  const toInvoice: { clientId: string; itemId: string; feeMinor: number }[] = [];

  for (const appointment of appointments) {
    const terms = termsOf(appointment, settings);
    const existing = items.get(appointment.id);
    if (terms === null) {
      if (existing) await deleteUnbilledItem(tx, existing.id);
      continue;
    }
    let itemId: string;
    let feeMinor = terms.fee_minor;
    if (!existing) {
      itemId = newId();
      const telehealth = appointment.location_kind === 'telehealth';
      await insertBillableItem(tx, {
        id: itemId,
        client_id: appointment.client_id,
        appointment_id: appointment.id,
        clinician_id: appointment.clinician_id,
        service_id: appointment.service_id,
        date_of_service: dateOfService(appointment),
        units: 1,
        place_of_service: telehealth ? '10' : '11',
        modifiers: telehealth ? '95' : '',
        invoice_id: null,
        waived_at: null,
        created_at: now,
        updated_at: now,
        ...terms,
      });
    } else {
      itemId = existing.id;
      // An invoiced item stays as billed; an unbilled one of another kind becomes this one (its fee
      // too). One of the same kind keeps the fee staff may have corrected.
      if (existing.invoice_id !== null) continue;
      if (existing.kind !== terms.kind) await updateUnbilledItem(tx, existing.id, { ...terms, updated_at: now });
      else feeMinor = existing.fee_minor;
    }
    const newlyAttended = appointment.status === 'attended' && previous.get(appointment.id) !== 'attended';
    if (settings.invoice_mode === 'per_appointment' && newlyAttended)
      toInvoice.push({ clientId: appointment.client_id, itemId, feeMinor });
  }

  for (const invoice of toInvoice)
    await issueInvoiceIn(tx, invoice.clientId, [{ id: invoice.itemId, feeMinor: invoice.feeMinor }], null);
}

/** The appointment's start as a date in the practice's time zone. */
function dateOfService(appointment: AppointmentToBill): string {
  return (
    DateTime.fromISO(appointment.starts_at, { zone: 'utc' }).setZone(appointment.time_zone).toISODate() ??
    appointment.starts_at.slice(0, 10)
  );
}
