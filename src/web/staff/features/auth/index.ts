export { authArea } from './auth.area.js';
