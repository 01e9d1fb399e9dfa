/** The demo module: what only the server `npm run demo` starts offers (docs/decisions/018). */
export { demoRoutes } from './demo.routes.js';
export { getDemoState } from './demo.service.js';
