import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../../shared/schemas/audit.js';
import { api } from '../../../common/api.js';

export interface AuditPage {
  items: AuditEntry[];
  nextBefore: string | null;
}

function fetchAudit(query: { clientId?: string; before?: string; limit: number }, signal: AbortSignal) {
  return api.get<AuditPage>('/api/audit', query, signal);
}

/** The practice-wide (or one client's) log, newest first, a page at a time. */
export function useAuditLog(clientId: string | undefined, limit = 50) {
  return useInfiniteQuery({
    queryKey: ['audit', 'log', clientId ?? null, limit],
    queryFn: ({ pageParam, signal }) => fetchAudit({ clientId, before: pageParam ?? undefined, limit }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useRecentActivity(clientId: string, limit = 8) {
  return useQuery({
    queryKey: ['audit', 'recent', clientId, limit],
    queryFn: ({ signal }) => fetchAudit({ clientId, limit }, signal),
  });
}
