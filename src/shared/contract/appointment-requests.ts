import { emptyBody, idParams, okSchema } from '../schemas/common.js';
import {
  acceptAnswer,
  createRequestBody,
  declineBody,
  freeSlotList,
  portalAppointments,
  portalIdParams,
  portalRequest,
  requestCount,
  requestInbox,
  requestOptions,
  slotsQuery,
  timeZoneBody,
} from '../schemas/appointment-requests.js';
import { portalSlugParams } from '../schemas/portal.js';
import { endpoint } from './endpoint.js';

const portal = { params: portalSlugParams } as const;

/** The client's Appointments page in the Client Portal: their appointments and requests. */
export const portalAppointmentsApi = {
  overview: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/appointments',
    ...portal,
    response: portalAppointments,
  }),
  options: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/appointment-options',
    ...portal,
    response: requestOptions,
  }),
  slots: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/appointment-slots',
    ...portal,
    query: slotsQuery,
    response: freeSlotList,
  }),
  request: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/appointment-requests',
    ...portal,
    body: createRequestBody,
    response: portalRequest,
    status: 201,
  }),
  cancelRequest: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/appointment-requests/:id/cancel',
    params: portalIdParams,
    body: emptyBody,
    response: okSchema,
  }),
  cancelAppointment: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/appointments/:id/cancel',
    params: portalIdParams,
    body: emptyBody,
    response: okSchema,
  }),
  setTimeZone: endpoint({
    method: 'PUT',
    path: '/api/portal/:slug/time-zone',
    ...portal,
    body: timeZoneBody,
    response: okSchema,
  }),
};

/** The staff Requests inbox: pending requests, Accept and Decline. */
export const requestsApi = {
  inbox: endpoint({ method: 'GET', path: '/api/appointment-requests', response: requestInbox }),
  count: endpoint({ method: 'GET', path: '/api/appointment-requests/count', response: requestCount }),
  accept: endpoint({
    method: 'POST',
    path: '/api/appointment-requests/:id/accept',
    params: idParams,
    body: emptyBody,
    response: acceptAnswer,
  }),
  decline: endpoint({
    method: 'POST',
    path: '/api/appointment-requests/:id/decline',
    params: idParams,
    body: declineBody,
    response: okSchema,
  }),
};
