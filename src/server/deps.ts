/** The app's dependencies (declared in platform/deps.ts, which everything below the composition root may import). */
export type { AppDeps } from './platform/deps.js';
