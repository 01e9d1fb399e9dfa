import type { AuditEntry } from '../../../../shared/schemas/audit.js';

const actionLabels: Record<string, string> = {
  'practice.created': 'Created the practice',
  'practice.date_time_format_updated': 'Changed the date and time format',
  'staff.signed_in': 'Signed in',
  'staff.signed_out': 'Signed out',
  'staff.sign_in_failed': 'Failed sign-in attempt',
  'staff.password_reset_requested': 'Requested a password reset',
  'staff.password_reset': 'Reset their password',
  'client.created': 'Created client',
  'client.updated': 'Updated client',
  'client.viewed': 'Viewed client',
  'client.archived': 'Archived client',
  'client.restored': 'Restored client',
};

/** "client.email_added" → "Client email added" for actions without a written label. */
export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const actorTypeLabels: Record<AuditEntry['actorType'], string> = {
  staff: 'Staff member',
  client: 'Client',
  anonymous: 'Someone (not signed in)',
  system: 'Portico',
};

export function actorLabel(entry: AuditEntry): string {
  return entry.actorName ?? actorTypeLabels[entry.actorType];
}
