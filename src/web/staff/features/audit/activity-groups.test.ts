import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/schemas/audit.js';
import { formatDate } from '../../../common/dates.js';
import { groupActivity, groupLabel } from './activity-groups.js';

let n = 0;
function entry(action: string, createdAt: string, actorId = 'staff-1', actorType: AuditEntry['actorType'] = 'staff') {
  n += 1;
  return {
    id: `e${n}`,
    action,
    kind: null,
    actorType,
    actorId,
    actorName: actorId,
    clientId: 'c1',
    clientName: 'Ada Lovelace',
    ip: null,
    userAgent: null,
    details: null,
    createdAt,
  } satisfies AuditEntry;
}

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

const zone = 'America/New_York';
const now = new Date('2026-03-12T18:00:00.000Z');

describe('grouping repeated views', () => {
  it('collapses consecutive views by the same actor on the same day, keeping changes between them', () => {
    const entries = [
      entry('client.viewed', '2026-03-12T17:00:00.000Z'),
      entry('client.viewed', '2026-03-12T16:00:00.000Z'),
      entry('client.viewed', '2026-03-12T15:00:00.000Z'),
      entry('client.updated', '2026-03-12T14:30:00.000Z'),
      entry('client.viewed', '2026-03-12T14:00:00.000Z'),
      entry('client.viewed', '2026-03-12T13:00:00.000Z', 'staff-2'),
      entry('messages.viewed', '2026-03-12T12:00:00.000Z', 'staff-2'),
      entry('messages.viewed', '2026-03-12T11:00:00.000Z', 'staff-2'),
      // 03:00Z on the 12th is still the 11th in New York: another day, another line.
      entry('messages.viewed', '2026-03-12T03:00:00.000Z', 'staff-2'),
      entry('client.updated', '2026-03-11T02:00:00.000Z'),
      entry('client.updated', '2026-03-11T01:00:00.000Z'),
    ];
    const groups = groupActivity(entries, zone);
    expect(groups.map((g) => [g.latest.action, g.latest.actorId, g.count])).toEqual([
      ['client.viewed', 'staff-1', 3],
      ['client.updated', 'staff-1', 1],
      ['client.viewed', 'staff-1', 1],
      ['client.viewed', 'staff-2', 1],
      ['messages.viewed', 'staff-2', 2],
      ['messages.viewed', 'staff-2', 1],
      // Changes never collapse, even when repeated.
      ['client.updated', 'staff-1', 1],
      ['client.updated', 'staff-1', 1],
    ]);
    expect(groups[0]?.earliestAt).toBe('2026-03-12T15:00:00.000Z');
    expect(groupLabel(at(groups, 0), 'Viewed client', zone, now)).toBe('Viewed 3 times today');
    expect(groupLabel(at(groups, 1), 'Updated client', zone, now)).toBe('Updated client');
    expect(groupLabel(at(groups, 4), 'Viewed messages', zone, now)).toBe('Viewed messages 2 times today');
  });

  it('says yesterday, or the date, for older runs', () => {
    const older = groupActivity(
      [entry('client.viewed', '2026-03-11T15:00:00.000Z'), entry('client.viewed', '2026-03-11T14:00:00.000Z')],
      zone,
    );
    expect(groupLabel(at(older, 0), 'Viewed client', zone, now)).toBe('Viewed 2 times yesterday');
    const oldest = groupActivity(
      [entry('client.viewed', '2026-03-01T15:00:00.000Z'), entry('client.viewed', '2026-03-01T14:00:00.000Z')],
      zone,
    );
    expect(groupLabel(at(oldest, 0), 'Viewed client', zone, now)).toBe(
      `Viewed 2 times on ${formatDate('2026-03-01T15:00:00.000Z', zone)}`,
    );
  });
});
