import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

/** `GET /api/clients/:id`: how routes are named in test tables. */
export const routeKey = (route: RouteEntry): string => `${route.method} ${route.url}`;

/** Every API route the app registered (from the onRoute hook in app.ts), once each, in a stable order. */
export function apiRoutes(app: FastifyInstance): RouteEntry[] {
  const seen = new Map<string, RouteEntry>();
  for (const route of app.routeTable) {
    if (route.url.startsWith('/api/')) seen.set(routeKey(route), { method: route.method, url: route.url });
  }
  return [...seen.values()].sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}

/** The names of a route's `:params`, e.g. `['id']` for `/api/clients/:id/archive`. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}

/** The route's URL with each `:param` replaced; a missing value is a test bug, so it throws. */
export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(value);
  });
}
