import { dateTimeFormat } from '../schemas/practice-formats.js';
import { endpoint } from './endpoint.js';

/** The practice's date and time format: every staff member reads it, the owner changes it. */
export const practiceFormatsApi = {
  get: endpoint({ method: 'GET', path: '/api/settings/date-time-format', response: dateTimeFormat }),
  update: endpoint({
    method: 'PUT',
    path: '/api/settings/date-time-format',
    body: dateTimeFormat,
    response: dateTimeFormat,
  }),
};
