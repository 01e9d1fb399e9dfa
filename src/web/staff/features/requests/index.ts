export { requestsArea } from './requests.area.js';
