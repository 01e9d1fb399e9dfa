import { useQueries } from '@tanstack/react-query';
import type { NavItem } from '../area.js';

/** A navigation entry's count, with how it is read out ("3 unread conversations"). */
export interface NavCountValue {
  value: number | null;
  label: (count: number) => string;
}

/** The counts beside the navigation's entries (those that have one), by entry path; each its area's query. */
export function useNavCounts(items: readonly NavItem[]): Map<string, NavCountValue> {
  const counted = items.flatMap((item) => (item.count ? [{ to: item.to, count: item.count }] : []));
  const results = useQueries({
    queries: counted.map(({ count }) => ({
      queryKey: count.queryKey,
      queryFn: count.queryFn,
      refetchInterval: count.refreshEveryMs ?? false,
    })),
  });
  return new Map(
    counted.map(({ to, count }, index) => [to, { value: results[index]?.data ?? null, label: count.label }]),
  );
}
