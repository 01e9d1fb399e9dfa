export { availabilityArea } from './availability.area.js';
