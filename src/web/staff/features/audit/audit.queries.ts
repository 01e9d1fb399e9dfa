import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { auditApi } from '../../../../shared/contract/audit.js';
import type { QueryOf } from '../../../../shared/contract/endpoint.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const auditKeys = {
  all: areaKeys.audit,
  log: (clientId: string | null, limit: number) => [...areaKeys.audit, 'log', clientId, limit] as const,
  recent: (clientId: string, limit: number) => [...areaKeys.audit, 'recent', clientId, limit] as const,
};

function fetchAudit(query: QueryOf<typeof auditApi.list>, signal: AbortSignal) {
  return call(auditApi.list, { query, signal });
}

/** The practice-wide (or one client's) log, newest first, a page at a time. */
export function useAuditLog(clientId: string | undefined, limit = 50) {
  return useInfiniteQuery({
    queryKey: auditKeys.log(clientId ?? null, limit),
    queryFn: ({ pageParam, signal }) => fetchAudit({ clientId, before: pageParam ?? undefined, limit }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useRecentActivity(clientId: string, limit = 8) {
  return useQuery({
    queryKey: auditKeys.recent(clientId, limit),
    queryFn: ({ signal }) => fetchAudit({ clientId, limit }, signal),
  });
}
