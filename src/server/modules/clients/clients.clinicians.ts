import type { ClientClinicians, ClinicianAssignment } from '../../../shared/schemas/client-clinicians.js';
import type { FieldError } from '../../../shared/errors.js';
import { mayDo } from '../../../shared/permissions.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Acting, Context, Scope } from '../../platform/request-context.js';
import { findDefaultClinician, listClinicians } from '../staff/index.js';
import { listClientClinicians, replaceClientClinicians } from './client-clinicians.queries.js';
import { getClient } from './clients.queries.js';

/** The client's profile (404 when the caller does not reach it) with its clinicians. */
export async function getClientClinicians(ctx: Context, clientId: string): Promise<ClientClinicians> {
  await getClient(ctx, clientId);
  return listClientClinicians(ctx, clientId);
}

/** Every id must be an active clinician of the practice; errors name the field (`prefix.primaryId`…). */
async function checkAssignment(scope: Scope, assignment: ClinicianAssignment, prefix: string): Promise<void> {
  const clinicians = new Set((await listClinicians(scope)).map((c) => c.id));
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const fields: FieldError[] = [];
  if (!clinicians.has(assignment.primaryId)) {
    fields.push({ field: field('primaryId'), message: 'is not a clinician of this practice' });
  }
  assignment.otherIds.forEach((id, index) => {
    if (!clinicians.has(id))
      fields.push({ field: field(`otherIds.${index}`), message: 'is not a clinician of this practice' });
  });
  if (fields.length > 0) throw new AppError('validation_failed', undefined, fields);
}

const describe = (assignment: ClinicianAssignment) => ({
  primary: assignment.primaryId,
  others: assignment.otherIds.join(','),
});

/**
 * The clinicians a new client gets, in its creating transaction: those chosen (by an owner or a
 * scheduler); else the clinician adding the client; else, for Portico's own work (seeding, the
 * demo, factories), the practice's first clinician. Staff who may not choose get themselves.
 */
export async function assignNewClient<A extends Acting>(
  tx: Context<A>,
  clientId: string,
  chosen: ClinicianAssignment | null,
): Promise<ClinicianAssignment> {
  const actor: Acting = tx.actor;
  let assignment: ClinicianAssignment;
  if (actor.kind === 'staff') {
    const mayChoose = mayDo(actor.roles, 'assign_clinicians');
    if (chosen && !mayChoose) {
      throw new AppError('validation_failed', undefined, [
        { field: 'clinicians', message: 'can be chosen only by an owner or a scheduler' },
      ]);
    }
    if (chosen) assignment = chosen;
    else if (actor.roles.includes('clinician')) assignment = { primaryId: actor.staffId, otherIds: [] };
    else throw new AppError('validation_failed', undefined, [{ field: 'clinicians', message: 'is required' }]);
  } else if (chosen) {
    assignment = chosen;
  } else {
    const fallback = await findDefaultClinician(tx);
    if (!fallback) throw new AppError('conflict', 'The practice has no clinician to assign the client to.');
    assignment = { primaryId: fallback.id, otherIds: [] };
  }
  await checkAssignment(tx, assignment, chosen ? 'clinicians' : '');
  await replaceClientClinicians(tx, clientId, assignment, iso(tx.clock.now()));
  return assignment;
}

/** Reassigns the client's clinicians (owners and schedulers); audited with who they are now. */
export async function setClientClinicians(
  ctx: Context,
  clientId: string,
  assignment: ClinicianAssignment,
): Promise<ClientClinicians> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    await checkAssignment(tx, assignment, '');
    const before = await listClientClinicians(tx, clientId);
    const primaryBefore = before.clinicians.find((c) => c.isPrimary)?.staffId ?? null;
    const othersBefore = before.clinicians.filter((c) => !c.isPrimary).map((c) => c.staffId);
    const unchanged =
      primaryBefore === assignment.primaryId &&
      othersBefore.length === assignment.otherIds.length &&
      assignment.otherIds.every((id) => othersBefore.includes(id));
    if (unchanged) return before;
    await replaceClientClinicians(tx, clientId, assignment, iso(tx.clock.now()));
    await auditIn(tx, {
      action: 'client.clinicians_changed',
      clientId,
      details: { ...describe(assignment), previousPrimary: primaryBefore, previousOthers: othersBefore.join(',') },
    });
    return listClientClinicians(tx, clientId);
  });
}

export { describe as describeAssignment };
