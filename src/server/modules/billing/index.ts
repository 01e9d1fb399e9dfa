/**
 * The billing module: Settings → Billing (the practice's billing details, currency, invoice
 * numbering and terms, fees; each clinician's billing identity) and a client's Billing tab
 * (diagnoses, insurance, billing address). Invoices and payments build on it (docs/decisions/039).
 */
export { billingRoutes } from './billing.routes.js';
export { defaultCurrency } from './billing.defaults.js';
export { notifyBillingDocumentIn } from './portal-billing.notify.js';
export { portalBillingRoutes } from './portal-billing.routes.js';
