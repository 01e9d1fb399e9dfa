export { appointmentsArea } from './appointments.area.js';
export { browserTimeZone, whenLabel } from './appointment-time.js';
export { useAppointments } from './appointments.queries.js';
