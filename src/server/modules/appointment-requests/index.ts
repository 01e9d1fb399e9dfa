/**
 * The appointment-requests module: the Client Portal's Appointments page (a client's appointments,
 * requests for free times held through the booking guard, cancelling), the staff Requests inbox
 * (Accept with a confirmation and calendar file, Decline with a reason), and the jobs that expire
 * holds and send reminders.
 */
export { portalAppointmentRoutes, requestInboxRoutes } from './requests.routes.js';
export { AppointmentJobs } from './appointment-jobs.js';
