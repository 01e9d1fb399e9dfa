import type { PortalSettingsTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

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

export async function findPortalSettings(scope: Scope): Promise<PortalSettingsTable | undefined> {
  return scope.db
    .selectFrom('portal_settings')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .executeTakeFirst();
}

/** Saves the scope's practice's settings (the row's practice is the scope's, whatever it says). */
export async function savePortalSettings(scope: Scope, row: PortalSettingsTable): Promise<void> {
  const { practice_id: _id, ...changes } = row;
  await scope.db
    .insertInto('portal_settings')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(changes))
    .execute();
}

/** Ends every client session of the practice: the portal was switched off. */
export async function endClientSessions(scope: Scope): Promise<void> {
  await scope.db
    .deleteFrom('sessions')
    .where('kind', '=', 'client')
    .where('practice_id', '=', scope.practiceId)
    .execute();
}
