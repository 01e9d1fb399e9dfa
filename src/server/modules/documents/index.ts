/** The documents module: templates, what is shared with clients, and completing them. Others use it only through this face. */
export { completedDocumentRoutes, portalDocumentRoutes } from './document-completion.routes.js';
export { findReferencedDocumentKeys } from './document-files.unscoped.js';
