import type { PracticesTable } from '../../db/schema.js';
import { practiceDateTimeFormat } from './practice-formats.js';
import { logoPath } from './practices.logo.js';

export function toPracticeSummary(row: PracticesTable) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.time_zone,
    dateTimeFormat: practiceDateTimeFormat(row),
  };
}

/** The practice as its portal shows it: no id, but its time zone, date and time format and logo. */
export function toPortalPractice(row: PracticesTable) {
  return {
    name: row.name,
    slug: row.slug,
    timeZone: row.time_zone,
    dateTimeFormat: practiceDateTimeFormat(row),
    logoUrl: logoPath(row),
  };
}
