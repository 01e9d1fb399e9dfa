import {
  billingSettingsBody,
  billingSetup,
  clientBilling,
  clientBillingBody,
  clinicianBilling,
  clinicianBillingBody,
} from '../schemas/billing.js';
import { idParams } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/** Settings → Billing (owners and billers) and a client's Billing tab. */
export const billingApi = {
  setup: endpoint({ method: 'GET', path: '/api/settings/billing', response: billingSetup }),
  updateSettings: endpoint({
    method: 'PUT',
    path: '/api/settings/billing',
    body: billingSettingsBody,
    response: billingSetup,
  }),
  updateClinician: endpoint({
    method: 'PUT',
    path: '/api/settings/billing/clinicians/:id',
    params: idParams,
    body: clinicianBillingBody,
    response: clinicianBilling,
  }),
  client: endpoint({ method: 'GET', path: '/api/clients/:id/billing', params: idParams, response: clientBilling }),
  updateClient: endpoint({
    method: 'PUT',
    path: '/api/clients/:id/billing',
    params: idParams,
    body: clientBillingBody,
    response: clientBilling,
  }),
};
