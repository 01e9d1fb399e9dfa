import type { ClientClinicians, ClinicianAssignment } from '../../../shared/schemas/client-clinicians.js';
import type { Scope } from '../../platform/request-context.js';

/** The client's clinicians with their names, the primary first. */
export async function listClientClinicians(scope: Scope, clientId: string): Promise<ClientClinicians> {
  const rows = await scope.db
    .selectFrom('client_clinicians')
    .innerJoin('staff_users', 'staff_users.id', 'client_clinicians.staff_id')
    .select(['client_clinicians.staff_id', 'client_clinicians.is_primary', 'staff_users.name'])
    .where('client_clinicians.practice_id', '=', scope.practiceId)
    .where('client_clinicians.client_id', '=', clientId)
    .orderBy('client_clinicians.is_primary', 'desc')
    .orderBy('staff_users.name')
    .execute();
  return {
    clinicians: rows.map((row) => ({ staffId: row.staff_id, name: row.name, isPrimary: row.is_primary === 1 })),
  };
}

/** Replaces the client's clinicians: the primary first, then the others. Call in a transaction. */
export async function replaceClientClinicians(
  scope: Scope,
  clientId: string,
  assignment: ClinicianAssignment,
  now: string,
): Promise<void> {
  await scope.db
    .deleteFrom('client_clinicians')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .execute();
  await scope.db
    .insertInto('client_clinicians')
    .values(
      [assignment.primaryId, ...assignment.otherIds].map((staffId, index) => ({
        practice_id: scope.practiceId,
        client_id: clientId,
        staff_id: staffId,
        is_primary: index === 0 ? (1 as const) : (0 as const),
        created_at: now,
      })),
    )
    .execute();
}
