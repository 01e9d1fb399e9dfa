export { documentsArea } from './documents.area.js';
export { ShareOnCreateFields } from './ShareOnCreateFields.js';
