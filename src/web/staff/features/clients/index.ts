export { clientsArea } from './clients.area.js';
export { useClientPicker } from './clients.queries.js';
