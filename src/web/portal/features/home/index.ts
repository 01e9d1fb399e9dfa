export { homeArea } from './home.area.js';
