/**
 * The scheduling module: services, locations, the calendar's appointments and series, and the
 * booking guard every use of a clinician's time goes through.
 *
 * For the Client Portal's requests (availability, free slots, holds, Accept): call
 * `claimClinicianTime(tx, …)` inside the transaction that writes the request or the appointment,
 * before writing it. The per-practice request and reminder settings live in `scheduling_settings`
 * (migration 022; a practice without a row has the column defaults).
 */
export { claimClinicianTime, type TimeClaim } from './booking-guard.js';
export { maxAppointmentMinutes, timeHoldingStatuses, type TimeWindow } from './booking.queries.js';
export { schedulingRoutes, type SchedulingRouteHooks } from './scheduling.routes.js';
export type { AppointmentStatusHook } from './calendar.service.js';
export { insertAppointment, insertAppointmentRequest } from './scheduling.queries.js';
