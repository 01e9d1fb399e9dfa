/** The practices module: a practice's own record. Other modules use it only through this face. */
export { getPractice, setTwoFactorRequired } from './practices.queries.js';
export { countPractices, findPracticeBySlug, insertPractice } from './practices.unscoped.js';
export { toPortalPractice, toPracticeSummary } from './practices.dto.js';
export { logoUrl } from './practices.logo.js';
export { findReferencedLogoKeys } from './practices.unscoped.js';
export { practiceRoutes } from './practices.routes.js';
export { practiceFormatRoutes } from './practice-formats.routes.js';
export { formatPracticeDateTime, practiceDateTimeFormat } from './practice-formats.js';
