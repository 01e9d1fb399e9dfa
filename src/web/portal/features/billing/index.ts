export { billingArea } from './billing.area.js';
export { balanceDueText, creditText } from './billing-labels.js';
export { useBalance } from './billing.queries.js';
