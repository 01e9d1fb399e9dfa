export { documentsArea } from './documents.area.js';
export { useToCompleteCount } from './documents.queries.js';
