export { setupArea } from './setup.area.js';
