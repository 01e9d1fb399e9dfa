import { client, clientList, clientListQuery, createClientBody, updateClientBody } from '../schemas/clients.js';
import { emptyBody, idParams } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/** The practice's clients: the list with its search, and each client's profile. */
export const clientsApi = {
  list: endpoint({ method: 'GET', path: '/api/clients', query: clientListQuery, response: clientList }),
  create: endpoint({ method: 'POST', path: '/api/clients', body: createClientBody, response: client, status: 201 }),
  get: endpoint({ method: 'GET', path: '/api/clients/:id', params: idParams, response: client }),
  update: endpoint({
    method: 'PUT',
    path: '/api/clients/:id',
    params: idParams,
    body: updateClientBody,
    response: client,
  }),
  archive: endpoint({
    method: 'POST',
    path: '/api/clients/:id/archive',
    params: idParams,
    body: emptyBody,
    response: client,
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/clients/:id/restore',
    params: idParams,
    body: emptyBody,
    response: client,
  }),
};
