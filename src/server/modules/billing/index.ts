/**
 * The billing module: Settings → Billing (the practice's billing details, currency, invoice
 * numbering and terms, fees; each clinician's billing identity) and a client's Billing tab
 * (diagnoses, insurance, billing address). Invoices and payments build on it (docs/decisions/039).
 */
export { billingRoutes } from './billing.routes.js';
export { defaultCurrency } from './billing.defaults.js';
export { notifyBillingDocumentIn } from './portal-billing.notify.js';
export { portalBillingRoutes } from './portal-billing.routes.js';
/** A client's balance, aging and payments, for any context of the client's practice (the portal's too); not audited. */
export { readClientBalance as clientBalance } from './payments.balance.js';
export { readClientPayments as clientPaymentHistory } from './payments.service.js';
export { billingDocumentRoutes } from './billing-documents.routes.js';
/** Statements and superbills for the portal: a client's list, and one's PDF (from its snapshot), both audited. */
export { billingDocumentPdf, clientBillingDocuments } from './billing-documents.service.js';
export { billAppointments, type AppointmentStatusChange } from './billable-items.service.js';
/** For the portal's Billing page: the signed-in client's invoices, and one invoice's PDF bytes. */
export { clientInvoices, invoicePdf } from './invoices.service.js';
