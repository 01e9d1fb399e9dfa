import { z } from 'zod';
import { clientClinicians, clinicianAssignment, clinicianOption } from '../schemas/client-clinicians.js';
import { idParams } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/** Assigned clinicians: who a client's clinicians are, and the practice's clinicians to choose from. */
export const clientCliniciansApi = {
  get: endpoint({ method: 'GET', path: '/api/clients/:id/clinicians', params: idParams, response: clientClinicians }),
  set: endpoint({
    method: 'PUT',
    path: '/api/clients/:id/clinicians',
    params: idParams,
    body: clinicianAssignment,
    response: clientClinicians,
  }),
  options: endpoint({ method: 'GET', path: '/api/clinicians', response: z.array(clinicianOption) }),
};
