import { iso } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Context } from '../../platform/request-context.js';
import type { TimeConflict } from '../../../shared/errors.js';
import { findTimeConflicts, lockClinicianCalendar, maxAppointmentMinutes, type TimeWindow } from './booking.queries.js';

export interface TimeClaim extends TimeWindow {
  /**
   * Ids of conflicts staff were shown and confirmed booking over (a double booking on purpose):
   * they do not refuse the claim; any other conflict, such as one made meanwhile, still does.
   */
  acknowledged?: readonly string[];
  /**
   * Name the conflicts in the 409 (staff, who may see the calendar). A client is told only that the
   * time is taken: another client's appointment is none of theirs.
   */
  showConflicts?: boolean;
}

/**
 * The booking guard: only one may win a clinician's time. Everything that takes a clinician's time
 * — booking, moving, a series, a client's request holding its slot, accepting a request — calls it
 * inside its own transaction, before writing, and writes only if it returns:
 *
 * 1. it serialises per clinician: on PostgreSQL the clinician's `staff_memberships` row is locked
 *    (SELECT … FOR UPDATE) until the caller's transaction ends, so a second claim of the same
 *    clinician waits and then sees the first one's rows; SQLite transactions begin IMMEDIATE and
 *    already run one at a time (docs/decisions/008);
 * 2. it then reads what overlaps [startsAt, endsAt): appointments that hold time (scheduled,
 *    attended, no-show) and pending requests whose hold has not expired, leaving out the
 *    appointments being moved (`exceptAppointmentIds`) and the request being accepted
 *    (`exceptRequestId`).
 *
 * It refuses with 409 `conflict`, reason `time_taken` (with the conflicts when `showConflicts`),
 * when anything overlaps that is not `acknowledged`; with 400 naming `clinicianId` when the
 * practice has no active clinician of that id; and with 400 naming `startsAt` for an empty or
 * over-long window. On success it returns the acknowledged conflicts it booked over (for the
 * audit log). Called outside a transaction it throws: the lock would end before the write.
 */
export async function claimClinicianTime(tx: Context, claim: TimeClaim): Promise<TimeConflict[]> {
  if (!tx.db.isTransaction) throw new Error('claimClinicianTime must run inside the caller’s transaction');
  const minutes = (Date.parse(claim.endsAt) - Date.parse(claim.startsAt)) / 60_000;
  if (!(minutes > 0) || minutes > maxAppointmentMinutes) {
    throw new AppError('validation_failed', undefined, [
      { field: 'startsAt', message: `must start before it ends, and last at most ${maxAppointmentMinutes / 60} hours` },
    ]);
  }
  if (!(await lockClinicianCalendar(tx, claim.clinicianId))) {
    throw new AppError('validation_failed', undefined, [
      { field: 'clinicianId', message: 'is not an active clinician of the practice' },
    ]);
  }
  const conflicts = await findTimeConflicts(tx, claim, iso(tx.clock.now()));
  const acknowledged = new Set(claim.acknowledged ?? []);
  if (conflicts.some((conflict) => !acknowledged.has(conflict.id))) {
    throw new AppError(
      'conflict',
      'That time overlaps something already on the calendar.',
      undefined,
      'time_taken',
      claim.showConflicts ? conflicts : undefined,
    );
  }
  return conflicts;
}
