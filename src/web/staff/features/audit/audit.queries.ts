import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { auditApi } from '../../../../shared/contract/audit.js';
import { clientsApi } from '../../../../shared/contract/clients.js';
import type { QueryOf } from '../../../../shared/contract/endpoint.js';
import type { AuditFilters } from '../../../../shared/schemas/audit.js';
import { ApiError, call, urlOf } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const auditKeys = {
  all: areaKeys.audit,
  log: (filters: AuditFilters, limit: number) => [...areaKeys.audit, 'log', filters, limit] as const,
  recent: (clientId: string, limit: number) => [...areaKeys.audit, 'recent', clientId, limit] as const,
  options: (clientId: string | null) => [...areaKeys.audit, 'options', clientId] as const,
  clients: (q: string) => [...areaKeys.audit, 'clients', q] as const,
};

function fetchAudit(query: QueryOf<typeof auditApi.list>, signal: AbortSignal) {
  return call(auditApi.list, { query, signal });
}

/** The practice's log as the filters select it, newest first, a page at a time. */
export function useAuditLog(filters: AuditFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: auditKeys.log(filters, limit),
    queryFn: ({ pageParam, signal }) => fetchAudit({ ...filters, before: pageParam ?? undefined, limit }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

/**
 * A client's newest entries, for their Overview. More than are shown are read, so a run of
 * repeated views collapsed into one line leaves room for the changes before it.
 */
export function useRecentActivity(clientId: string, limit = 60) {
  return useQuery({
    queryKey: auditKeys.recent(clientId, limit),
    queryFn: ({ signal }) => fetchAudit({ clientId, limit }, signal),
  });
}

/** The staff to filter by, and the name of the client filtered on. */
export function useAuditFilterOptions(clientId: string | undefined) {
  return useQuery({
    queryKey: auditKeys.options(clientId ?? null),
    queryFn: ({ signal }) => call(auditApi.filterOptions, { query: { clientId }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Clients to filter by, active and archived alike (the log keeps both), searched by the server. */
export function useAuditClientSearch(q: string) {
  return useQuery({
    queryKey: auditKeys.clients(q),
    queryFn: ({ signal }) =>
      call(clientsApi.list, {
        query: { q: q || undefined, sort: 'name', status: 'all', page: 1, pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

function fileNameOf(disposition: string | null): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? 'audit-log.csv';
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = 'The export could not be made. Please try again.';
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON: keep the general message.
  }
  return new ApiError({ status: response.status, code: 'unknown', message });
}

/**
 * Downloads the CSV of what the filters select: the server streams it, the browser saves it
 * under the server's file name. A refusal (too many rows) becomes an ApiError to show.
 */
export async function downloadAuditCsv(filters: AuditFilters): Promise<void> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  let response: Response;
  try {
    response = await fetch(`${urlOf(auditApi.exportCsv)}${search ? `?${search}` : ''}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: 'Could not reach Portico. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'));
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
