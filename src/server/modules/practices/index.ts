/** The practices module: a practice's own record. Other modules use it only through this face. */
export { getPractice } from './practices.queries.js';
export { countPractices, findPracticeBySlug, insertPractice } from './practices.unscoped.js';
export { toPracticeSummary } from './practices.dto.js';
export { practiceRoutes } from './practices.routes.js';
