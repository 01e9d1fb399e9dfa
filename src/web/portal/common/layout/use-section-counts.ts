import { useQueries } from '@tanstack/react-query';
import type { PortalNavItem } from '../area.js';

/** The counts beside the header's sections (0 for those without one), in the sections' order; each its area's query. */
export function useSectionCounts(sections: readonly PortalNavItem[], slug: string): number[] {
  const counted = sections.flatMap((item) => (item.count ? [item.count] : []));
  const results = useQueries({ queries: counted.map((count) => count.query(slug)) });
  return sections.map((item) => {
    const index = item.count ? counted.indexOf(item.count) : -1;
    return index < 0 ? 0 : (results[index]?.data ?? 0);
  });
}
