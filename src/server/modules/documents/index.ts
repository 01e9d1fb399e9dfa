export { completedDocumentRoutes, portalDocumentRoutes } from './document-completion.routes.js';
export { findReferencedDocumentKeys } from './document-files.unscoped.js';
/**
 * The documents module: the practice's templates and their versions, what is shared with each
 * client, and files for clients (it owns document_templates, document_template_versions,
 * document_shares, shared_documents, shared_document_files and client_files). Others use it only
 * through this face.
 */
export { documentsRoutes } from './documents.routes.js';
export { renderConsentHtml } from './consent-html.js';
export { contentOf } from './templates.service.js';
export { countOpenDocuments } from './shares.queries.js';
export { documentsWaitingFor, shareWithNewClient } from './shares.service.js';
