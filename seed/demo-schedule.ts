import { DateTime } from 'luxon';
import type { ManualClock } from '../src/server/platform/clock.js';
import type { StaffContext } from '../src/server/platform/request-context.js';
import { saveWeeklyBlocks, updateRequestSettings } from '../src/server/modules/availability/availability.service.js';
import {
  updateBillingSettings,
  updateClinicianBilling,
} from '../src/server/modules/billing/billing-settings.service.js';
import { updateClientBilling } from '../src/server/modules/billing/client-billing.service.js';
import { billAppointments } from '../src/server/modules/billing/index.js';
import { recordPayment } from '../src/server/modules/billing/payments.service.js';
import { bookAppointments, setAppointmentStatus } from '../src/server/modules/scheduling/calendar.service.js';
import { createLocation, createService } from '../src/server/modules/scheduling/setup.service.js';
import type { AppointmentStatus } from '../src/server/db/schema.js';
import { demoPractice } from './demo-data.js';

/** Who sees whom, weekly or every other week, and what became of the past sessions. */
interface DemoCaseload {
  client: string;
  with: 'owner' | 'clinician';
  service: 'individual' | 'couples';
  where: 'office' | 'video';
  /** ISO weekday and wall-clock time in the practice's zone. */
  weekday: number;
  time: string;
  frequency: 'weekly' | 'every_other_week';
  /** How many sessions are already behind, and how many more are booked. */
  past: number;
  coming: number;
  /** What the past sessions were marked, by index from the first; attended unless listed. */
  marked?: Record<number, AppointmentStatus>;
  /**
   * How the client pays: by card the day after each attended session but the last `unpaid`, or
   * by one check after the sessions (more than owed, the rest kept as credit), or not yet.
   */
  pays: { by: 'card'; unpaid: number } | { by: 'check'; amountMinor: number } | { by: 'nothing' };
}

const caseloads: readonly DemoCaseload[] = [
  {
    client: 'Margaret',
    with: 'owner',
    service: 'individual',
    where: 'office',
    weekday: 2,
    time: '10:00',
    frequency: 'weekly',
    past: 8,
    coming: 4,
    pays: { by: 'card', unpaid: 2 },
  },
  {
    client: 'Liam',
    with: 'clinician',
    service: 'individual',
    where: 'video',
    weekday: 3,
    time: '17:00',
    frequency: 'weekly',
    past: 6,
    coming: 4,
    marked: { 3: 'late_cancelled' },
    pays: { by: 'card', unpaid: 1 },
  },
  {
    client: 'Zoë',
    with: 'clinician',
    service: 'individual',
    where: 'office',
    weekday: 4,
    time: '11:00',
    frequency: 'every_other_week',
    past: 4,
    coming: 2,
    pays: { by: 'check', amountMinor: 65_000 },
  },
  {
    client: 'Marcus',
    with: 'owner',
    service: 'couples',
    where: 'office',
    weekday: 1,
    time: '14:00',
    frequency: 'weekly',
    past: 5,
    coming: 3,
    marked: { 2: 'no_show' },
    pays: { by: 'nothing' },
  },
];

export interface DemoScheduleStaff {
  owner: StaffContext;
  ownerId: string;
  clinician: StaffContext;
  clinicianId: string;
}

/**
 * The practice's schedule and billing as its staff would have set them up and kept them: an
 * office and a video location, two services with CPT codes and fees, weekly hours open to
 * online requests, Settings → Billing with each clinician's identity, diagnoses on the clients
 * in care, and weekly sessions for four clients — the past ones marked attended (one no-show, one
 * late cancellation) on the day, so billing has what it bills, and the next ones booked.
 * The clock is moved to each moment, as in the rest of the demo.
 */
export async function seedDemoSchedule(
  clock: ManualClock,
  now: Date,
  staff: DemoScheduleStaff,
  clientId: (firstName: string) => string,
): Promise<void> {
  const zone = demoPractice.timeZone;
  const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  const { owner, clinician } = staff;
  clock.set(today.minus({ weeks: 10 }).set({ hour: 9 }).toJSDate());

  const office = await createLocation(owner, {
    kind: 'in_person',
    name: 'Harbour Light office',
    address: '48 Atlantic Avenue, Suite 3\nBoston, MA 02110',
  });
  const video = await createLocation(owner, {
    kind: 'telehealth',
    name: 'Video session',
    videoLink: 'https://meet.example.org/harbour-light',
  });
  const both = [staff.ownerId, staff.clinicianId];
  const individual = await createService(owner, {
    name: 'Individual therapy',
    cptCode: '90834',
    durationMinutes: 50,
    feeMinor: 15_000,
    onlineRequests: true,
    clinicianIds: both,
  });
  const couples = await createService(owner, {
    name: 'Couples therapy',
    cptCode: '90847',
    durationMinutes: 50,
    feeMinor: 18_000,
    onlineRequests: false,
    clinicianIds: [staff.ownerId],
  });
  await createService(owner, {
    name: 'Intake assessment',
    cptCode: '90791',
    durationMinutes: 60,
    feeMinor: 20_000,
    onlineRequests: true,
    clinicianIds: both,
  });
  const hours = (weekdays: number[], start: string, end: string, locationId: string) =>
    weekdays.map((weekday) => ({ weekday, start, end, locationId, serviceIds: [], allowRequests: true }));
  await saveWeeklyBlocks(owner, staff.ownerId, {
    blocks: [...hours([1, 2, 3, 4], '09:00', '17:00', office.id), ...hours([5], '09:00', '13:00', video.id)],
  });
  await saveWeeklyBlocks(owner, staff.clinicianId, {
    blocks: [...hours([2, 4], '10:00', '18:00', office.id), ...hours([3, 5], '12:00', '20:00', video.id)],
  });
  await updateRequestSettings(owner, {
    requestsEnabled: true,
    minimumNoticeMinutes: 24 * 60,
    bookingWindowDays: 60,
    slotIntervalMinutes: 30,
    bufferMinutes: 10,
    holdMinutes: 72 * 60,
    clientCancelAllowed: true,
    clientCancelNoticeMinutes: 24 * 60,
    reminderMinutes: 24 * 60,
    reminderNamesService: false,
  });

  await updateBillingSettings(owner, {
    legalName: 'Harbour Light Counselling LLC',
    address: '48 Atlantic Avenue, Suite 3\nBoston, MA 02110',
    phone: '(617) 555-0142',
    taxId: '04-3817265',
    groupNpi: '1518290333',
    currency: 'USD',
    invoicePrefix: 'HLC-',
    paymentTermsDays: 30,
    invoiceMode: 'per_appointment',
    lateCancelFeeMinor: 7_500,
    noShowFeeMinor: 10_000,
  });
  await updateClinicianBilling(owner, staff.ownerId, {
    credentials: 'PsyD',
    npi: '1093817465',
    licenseNumber: 'PSY-10442',
    licenseState: 'MA',
  });
  await updateClinicianBilling(owner, staff.clinicianId, {
    credentials: 'LMHC',
    npi: '1629471820',
    licenseNumber: 'LMHC-7781',
    licenseState: 'MA',
  });
  await updateClientBilling(owner, clientId('Margaret'), {
    diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
    payerName: 'Blue Harbor Health',
    memberId: 'BHH-4471902',
    billingAddress: '12 Wharf Road\nSalem, MA 01970',
  });
  await updateClientBilling(owner, clientId('Liam'), {
    diagnoses: [
      { code: 'F43.23', description: 'Adjustment disorder with mixed anxiety and depressed mood' },
      { code: 'G47.00', description: 'Insomnia, unspecified' },
    ],
    payerName: 'Commonwealth Care Alliance',
    memberId: 'CCA-0093318',
    billingAddress: null,
  });

  for (const load of caseloads) {
    const ctx = load.with === 'owner' ? owner : clinician;
    const step = load.frequency === 'weekly' ? 1 : 2;
    const first = nextWeekday(today, load.weekday).minus({ weeks: load.past * step });
    clock.set(first.minus({ days: 3 }).set({ hour: 16 }).toJSDate());
    const booked = await bookAppointments(ctx, {
      clientId: clientId(load.client),
      serviceId: load.service === 'individual' ? individual.id : couples.id,
      clinicianId: load.with === 'owner' ? staff.ownerId : staff.clinicianId,
      locationId: load.where === 'office' ? office.id : video.id,
      date: first.toISODate() ?? '',
      time: load.time,
      durationMinutes: null,
      videoLink: null,
      acknowledgedConflicts: [],
      repeat: { frequency: load.frequency, until: null, count: load.past + load.coming },
    });
    const past = booked.appointments
      .filter((appointment) => Date.parse(appointment.endsAt) < now.getTime())
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const fee = load.service === 'individual' ? 15_000 : 18_000;
    const pay = (amountMinor: number, method: 'card' | 'check', keepCreditRemainder: boolean) =>
      recordPayment(owner, clientId(load.client), {
        amountMinor,
        receivedOn: DateTime.fromJSDate(clock.now()).setZone(zone).toISODate() ?? '',
        method,
        reference: method === 'check' ? 'Check 1042' : null,
        allocation: 'oldest',
        invoices: [],
        keepCreditRemainder,
      });
    for (const [index, appointment] of past.entries()) {
      clock.set(new Date(Date.parse(appointment.endsAt) + 2 * 3_600_000));
      const status = load.marked?.[index] ?? 'attended';
      // As the app marks it: what it owes is written (and, per appointment, invoiced) with it.
      await setAppointmentStatus(ctx, appointment.id, { status, scope: 'this' }, billAppointments);
      if (load.pays.by === 'card' && status === 'attended' && index < past.length - load.pays.unpaid) {
        clock.set(new Date(Date.parse(appointment.endsAt) + 20 * 3_600_000));
        await pay(fee, 'card', false);
      }
    }
    if (load.pays.by === 'check') {
      clock.set(new Date(Date.parse(past.at(-1)?.endsAt ?? now.toISOString()) + 3 * 24 * 3_600_000));
      await pay(load.pays.amountMinor, 'check', true);
    }
  }
  clock.set(now);
}

/** The first day on or after `day` that falls on `weekday` (ISO, 1 = Monday). */
function nextWeekday(day: DateTime, weekday: number): DateTime {
  return day.plus({ days: (weekday - day.weekday + 7) % 7 });
}
