import type { AuditEntry } from '../../../../shared/schemas/audit.js';
import { calendarDay, formatDate } from '../../../common/dates.js';

/** Entries that only read something: repeated ones collapse into one line. */
export function isViewAction(action: string): boolean {
  return action.endsWith('.viewed');
}

export interface ActivityGroup {
  /** The newest entry of the group (the only one, when nothing repeated). */
  latest: AuditEntry;
  /** How many entries the line stands for. */
  count: number;
  /** The oldest entry's time. */
  earliestAt: string;
}

function dayOf(iso: string, timeZone: string): string {
  return calendarDay(iso, timeZone);
}

/**
 * Collapses, in newest-first entries, each run of the same view (same action) by the same actor
 * on the same day (in the practice's time zone) into one group; every other entry stays its own
 * line, so a change between views keeps them apart and stays visible.
 */
export function groupActivity(entries: readonly AuditEntry[], timeZone: string): ActivityGroup[] {
  const groups: ActivityGroup[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (
      last &&
      isViewAction(entry.action) &&
      last.latest.action === entry.action &&
      last.latest.actorType === entry.actorType &&
      last.latest.actorId === entry.actorId &&
      dayOf(last.latest.createdAt, timeZone) === dayOf(entry.createdAt, timeZone)
    ) {
      last.count += 1;
      last.earliestAt = entry.createdAt;
    } else {
      groups.push({ latest: entry, count: 1, earliestAt: entry.createdAt });
    }
  }
  return groups;
}

/** "today", "yesterday" or "on 3 Mar 2026" (in the practice's format), the day of `iso` in the time zone as seen at `now`. */
export function dayPhrase(iso: string, timeZone: string, now: Date): string {
  const day = dayOf(iso, timeZone);
  const today = calendarDay(now, timeZone);
  if (day === today) return 'today';
  // The calendar day before today's, whatever the clocks did overnight.
  const yesterday = new Date(`${today}T00:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  if (day === yesterday.toISOString().slice(0, 10)) return 'yesterday';
  return `on ${formatDate(iso, timeZone)}`;
}

/** "Viewed 12 times today" (a client's own views, on their Overview), "Viewed messages 3 times yesterday". */
export function groupLabel(group: ActivityGroup, label: string, timeZone: string, now: Date): string {
  if (group.count === 1) return label;
  const what = group.latest.action === 'client.viewed' ? 'Viewed' : label;
  return `${what} ${group.count} times ${dayPhrase(group.latest.createdAt, timeZone, now)}`;
}
