import { auditFilters, type AuditFilters } from '../../../../shared/schemas/audit.js';

const filterNames = ['clientId', 'staffId', 'kind', 'from', 'to'] as const;

/**
 * The filters in the page's address, checked with the contract's own schema: a value the server
 * would refuse is left out (and named), so a hand-edited or stale link still shows the log.
 */
export function readAuditFilters(params: URLSearchParams): { filters: AuditFilters; ignored: string[] } {
  const raw: Record<string, string> = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (value) raw[name] = value;
  }
  const ignored: string[] = [];
  for (;;) {
    const parsed = auditFilters.safeParse(raw);
    if (parsed.success) return { filters: parsed.data, ignored };
    const before = ignored.length;
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (name in raw) {
        ignored.push(name);
        Reflect.deleteProperty(raw, name);
      }
    }
    if (ignored.length === before) return { filters: {}, ignored };
  }
}

/** The filters as the page's address query, empty ones left out. */
export function writeAuditFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

export function hasFilters(filters: AuditFilters): boolean {
  return filterNames.some((name) => Boolean(filters[name]));
}
