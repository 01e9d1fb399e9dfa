import type {
  ClientBillingProfilesTable,
  ClientDiagnosesTable,
  ClinicianBillingIdentitiesTable,
  PracticeBillingSettingsTable,
} from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

export async function findBillingSettings(scope: Scope): Promise<PracticeBillingSettingsTable | undefined> {
  return scope.db
    .selectFrom('practice_billing_settings')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .executeTakeFirst();
}

/** Saves the scope's practice's billing settings (the row's practice is the scope's, whatever it says). */
export async function saveBillingSettings(scope: Scope, row: Omit<PracticeBillingSettingsTable, 'practice_id'>) {
  await scope.db
    .insertInto('practice_billing_settings')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(row))
    .execute();
}

export async function listClinicianIdentities(scope: Scope): Promise<ClinicianBillingIdentitiesTable[]> {
  return scope.db
    .selectFrom('clinician_billing_identities')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .execute();
}

export async function findClinicianIdentity(
  scope: Scope,
  staffId: string,
): Promise<ClinicianBillingIdentitiesTable | undefined> {
  return scope.db
    .selectFrom('clinician_billing_identities')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
}

export async function saveClinicianIdentity(
  scope: Scope,
  row: Omit<ClinicianBillingIdentitiesTable, 'practice_id'>,
): Promise<void> {
  const { staff_id: _staffId, ...changes } = row;
  await scope.db
    .insertInto('clinician_billing_identities')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.columns(['practice_id', 'staff_id']).doUpdateSet(changes))
    .execute();
}

/** The client's billing profile; call after the client was found within the caller's reach. */
export async function findClientBillingProfile(
  scope: Scope,
  clientId: string,
): Promise<ClientBillingProfilesTable | undefined> {
  return scope.db
    .selectFrom('client_billing_profiles')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export async function listClientDiagnoses(scope: Scope, clientId: string): Promise<ClientDiagnosesTable[]> {
  return scope.db
    .selectFrom('client_diagnoses')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .orderBy('position')
    .execute();
}

export async function saveClientBillingProfile(
  scope: Scope,
  row: Omit<ClientBillingProfilesTable, 'practice_id'>,
): Promise<void> {
  const { client_id: _clientId, ...changes } = row;
  await scope.db
    .insertInto('client_billing_profiles')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.columns(['practice_id', 'client_id']).doUpdateSet(changes))
    .execute();
}

/** Replaces the client's diagnoses with `rows`, in their order. Call in a transaction. */
export async function replaceClientDiagnoses(
  scope: Scope,
  clientId: string,
  rows: readonly { code: string; description: string }[],
): Promise<void> {
  await scope.db
    .deleteFrom('client_diagnoses')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .execute();
  if (rows.length === 0) return;
  await scope.db
    .insertInto('client_diagnoses')
    .values(
      rows.map((row, position) => ({
        practice_id: scope.practiceId,
        client_id: clientId,
        position,
        code: row.code,
        description: row.description,
      })),
    )
    .execute();
}
