import { auditActionLabel } from '../../../../shared/audit-actions.js';
import type { AuditEntry } from '../../../../shared/schemas/audit.js';

export { auditKindLabels, auditKinds, type AuditKind } from '../../../../shared/audit-actions.js';

/** "Viewed client": the written label of an action, or its code as readable words. */
export function actionLabel(action: string): string {
  return auditActionLabel(action);
}

const actorTypeLabels: Record<AuditEntry['actorType'], string> = {
  staff: 'Staff member',
  client: 'Client',
  anonymous: 'Someone not signed in',
  system: 'Portico',
};

/** Who acted, by name: the staff member or client, else what kind of actor it was. */
export function actorLabel(entry: Pick<AuditEntry, 'actorName' | 'actorType'>): string {
  return entry.actorName ?? actorTypeLabels[entry.actorType];
}

/** What kind of actor, beside a name ("Client", "Staff member"). */
export function actorTypeLabel(entry: Pick<AuditEntry, 'actorType'>): string {
  return actorTypeLabels[entry.actorType];
}
