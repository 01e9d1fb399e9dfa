import type { PracticesTable } from '../../db/schema.js';

export function toPracticeSummary(row: PracticesTable) {
  return { id: row.id, name: row.name, slug: row.slug, timeZone: row.time_zone };
}
