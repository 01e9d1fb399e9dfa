import type { ComponentType } from 'react';

/**
 * A route's page, loaded the first time it is opened (React Router's `lazy`), so the sign-in page
 * does not wait for the code of every other page (decision record 028):
 * `{ path: '/audit', lazy: page(() => import('./AuditLogPage.js'), 'AuditLogPage') }`.
 * A page that takes props loads in the route itself: `lazy: async () => ({ element: … })`.
 */
export function page<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): () => Promise<{ Component: ComponentType }> {
  return async () => ({ Component: (await load())[name] });
}
