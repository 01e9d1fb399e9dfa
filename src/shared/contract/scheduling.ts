import { emptyBody, idParams } from '../schemas/common.js';
import {
  appointmentInput,
  appointmentsChanged,
  appointmentStatusBody,
  appointmentUpdate,
  calendar,
  calendarQuery,
  location,
  locationInput,
  schedulingSettings,
  service,
  serviceInput,
} from '../schemas/scheduling.js';
import { endpoint } from './endpoint.js';

/**
 * Settings → Services and Locations: read by everyone who books (owners, clinicians, schedulers),
 * changed by owners.
 */
export const schedulingSetupApi = {
  get: endpoint({ method: 'GET', path: '/api/scheduling/setup', response: schedulingSettings }),
  createService: endpoint({
    method: 'POST',
    path: '/api/services',
    body: serviceInput,
    response: service,
    status: 201,
  }),
  updateService: endpoint({
    method: 'PUT',
    path: '/api/services/:id',
    params: idParams,
    body: serviceInput,
    response: service,
  }),
  archiveService: endpoint({
    method: 'POST',
    path: '/api/services/:id/archive',
    params: idParams,
    body: emptyBody,
    response: service,
  }),
  restoreService: endpoint({
    method: 'POST',
    path: '/api/services/:id/restore',
    params: idParams,
    body: emptyBody,
    response: service,
  }),
  createLocation: endpoint({
    method: 'POST',
    path: '/api/locations',
    body: locationInput,
    response: location,
    status: 201,
  }),
  updateLocation: endpoint({
    method: 'PUT',
    path: '/api/locations/:id',
    params: idParams,
    body: locationInput,
    response: location,
  }),
  archiveLocation: endpoint({
    method: 'POST',
    path: '/api/locations/:id/archive',
    params: idParams,
    body: emptyBody,
    response: location,
  }),
  restoreLocation: endpoint({
    method: 'POST',
    path: '/api/locations/:id/restore',
    params: idParams,
    body: emptyBody,
    response: location,
  }),
};

/** The staff calendar: owners and schedulers every clinician's, a clinician their own; billers none. */
export const calendarApi = {
  get: endpoint({ method: 'GET', path: '/api/calendar', query: calendarQuery, response: calendar }),
  create: endpoint({
    method: 'POST',
    path: '/api/appointments',
    body: appointmentInput,
    response: appointmentsChanged,
    status: 201,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/appointments/:id',
    params: idParams,
    body: appointmentUpdate,
    response: appointmentsChanged,
  }),
  setStatus: endpoint({
    method: 'POST',
    path: '/api/appointments/:id/status',
    params: idParams,
    body: appointmentStatusBody,
    response: appointmentsChanged,
  }),
};
