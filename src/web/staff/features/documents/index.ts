export { documentsArea } from './documents.area.js';
