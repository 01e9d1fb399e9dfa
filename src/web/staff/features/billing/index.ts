export { billingArea } from './billing.area.js';
