import type { Db } from '../../db/database.js';
import type { PortalSettingsTable } from '../../db/schema.js';
import type { PracticeScope } from '../../platform/context.js';

export const defaultWelcomeMessage =
  'We use a secure Client Portal to share information with you. Use the button below to sign in — no password needed. From the portal you can message us securely and keep track of your care.';

/** A practice without a saved row has the portal on and these defaults. */
export function defaultPortalSettings(practiceId: string, now: string): PortalSettingsTable {
  return {
    practice_id: practiceId,
    enabled: 1,
    welcome_message: defaultWelcomeMessage,
    default_appointments: 1,
    default_messaging: 1,
    default_billing: 1,
    default_pay: 0,
    payments_active: 0,
    messaging_enabled: 1,
    updated_at: now,
  };
}

export async function findPortalSettings(db: Db, scope: PracticeScope): Promise<PortalSettingsTable | undefined> {
  return db.selectFrom('portal_settings').selectAll().where('practice_id', '=', scope.practiceId).executeTakeFirst();
}

export async function savePortalSettings(db: Db, row: PortalSettingsTable): Promise<void> {
  const { practice_id: _id, ...changes } = row;
  await db
    .insertInto('portal_settings')
    .values(row)
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(changes))
    .execute();
}
