import { emptyBody, okSchema } from '../schemas/common.js';
import {
  availability,
  clinicianParams,
  requestSettings,
  timeOff,
  timeOffInput,
  timeOffParams,
  weeklyBlocksBody,
} from '../schemas/availability.js';
import { endpoint } from './endpoint.js';

/** A clinician's weekly hours and time off (the Calendar's Availability), and the request settings. */
export const availabilityApi = {
  get: endpoint({
    method: 'GET',
    path: '/api/availability/:clinicianId',
    params: clinicianParams,
    response: availability,
  }),
  saveBlocks: endpoint({
    method: 'PUT',
    path: '/api/availability/:clinicianId/blocks',
    params: clinicianParams,
    body: weeklyBlocksBody,
    response: availability,
  }),
  addTimeOff: endpoint({
    method: 'POST',
    path: '/api/availability/:clinicianId/time-off',
    params: clinicianParams,
    body: timeOffInput,
    response: timeOff,
    status: 201,
  }),
  removeTimeOff: endpoint({
    method: 'DELETE',
    path: '/api/availability/:clinicianId/time-off/:id',
    params: timeOffParams,
    body: emptyBody,
    response: okSchema,
  }),
  requestSettings: endpoint({ method: 'GET', path: '/api/settings/appointment-requests', response: requestSettings }),
  saveRequestSettings: endpoint({
    method: 'PUT',
    path: '/api/settings/appointment-requests',
    body: requestSettings,
    response: requestSettings,
  }),
};
