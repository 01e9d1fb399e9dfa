import type { Db } from '../../db/database.js';

/** Pending requests whose hold ran out by `now`, in any practice: for the expiry job. */
export async function findExpiredHolds(
  db: Db,
  now: string,
  limit: number,
): Promise<{ id: string; practice_id: string }[]> {
  return db
    .selectFrom('appointment_requests')
    .select(['id', 'practice_id'])
    .where('status', '=', 'pending')
    .where('hold_expires_at', '<=', now)
    .orderBy('hold_expires_at')
    .limit(limit)
    .execute();
}

/**
 * Scheduled appointments starting after `now` and by `until` with no reminder sent yet, in any
 * practice, with their practice's reminder lead time (1440 minutes while it has saved no settings).
 */
export async function findReminderCandidates(db: Db, now: string, until: string, limit: number) {
  return db
    .selectFrom('appointments')
    .leftJoin('appointment_reminders', 'appointment_reminders.appointment_id', 'appointments.id')
    .leftJoin('scheduling_settings', 'scheduling_settings.practice_id', 'appointments.practice_id')
    .select([
      'appointments.id',
      'appointments.practice_id',
      'appointments.starts_at',
      'scheduling_settings.reminder_minutes',
    ])
    .where('appointments.status', '=', 'scheduled')
    .where('appointments.starts_at', '>', now)
    .where('appointments.starts_at', '<=', until)
    .where('appointment_reminders.appointment_id', 'is', null)
    .orderBy('appointments.starts_at')
    .limit(limit)
    .execute();
}
