export { completedDocumentsArea } from './completed-documents.area.js';
export { completedDocumentPath, completedPdfUrl } from './completed-documents.queries.js';
