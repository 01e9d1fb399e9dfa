/**
 * What each audit action is called, and the kind of action it belongs to: the kinds are what the
 * audit log filters on (and its CSV names), in words an owner uses. Shared so the server filters
 * (and exports) exactly the kinds the web app offers.
 */

export const auditKinds = [
  'sign_in',
  'client_records',
  'portal_access',
  'messages',
  'documents',
  'team',
  'settings',
  'billing',
  'audit_log',
] as const;
export type AuditKind = (typeof auditKinds)[number];

export const auditKindLabels: Record<AuditKind, string> = {
  sign_in: 'Sign-in',
  client_records: 'Client records',
  portal_access: 'Portal access',
  messages: 'Messages',
  documents: 'Documents',
  team: 'Team',
  settings: 'Settings',
  billing: 'Billing',
  audit_log: 'Audit log',
};

interface KindRule {
  /** The actions known by name, each with its label. */
  actions: Record<string, string>;
  /** Actions not named anywhere that start with one of these belong to the kind too. */
  prefixes: readonly string[];
}

export const auditKindRules: Record<AuditKind, KindRule> = {
  sign_in: {
    actions: {
      'staff.signed_in': 'Signed in',
      'staff.signed_out': 'Signed out',
      'staff.sign_in_failed': 'Failed sign-in attempt',
      'staff.password_reset_requested': 'Requested a password reset',
      'staff.password_reset': 'Reset their password',
      'portal.signed_in': 'Signed in to the portal',
      'portal.signed_out': 'Signed out of the portal',
      'portal.sign_in_link_requested': 'Asked for a sign-in link',
      'portal.link_failed': 'Used a sign-in link that did not work',
      'portal.code_failed': 'Entered a sign-in code that did not work',
      'staff.switched_practice_out': 'Switched to another practice',
      'staff.switched_practice_in': 'Switched in from another practice',
      'staff.two_factor_code_failed': 'Entered a two-factor code that did not work',
    },
    prefixes: [],
  },
  client_records: {
    actions: {
      'client.created': 'Created client',
      'client.updated': 'Updated client',
      'client.viewed': 'Viewed client',
      'client.archived': 'Archived client',
      'client.restored': 'Restored client',
      'client.clinicians_changed': 'Changed assigned clinicians',
      'appointment.created': 'Booked an appointment',
      'appointment.updated': 'Changed an appointment',
      'appointment.status_changed': "Changed an appointment's status",
      'appointment.viewed': 'Viewed an appointment',
      'calendar.viewed': 'Viewed the calendar',
    },
    prefixes: ['client.', 'appointment.', 'calendar.'],
  },
  portal_access: {
    actions: {
      'portal.invited': 'Invited to the Client Portal',
      'portal.disabled': 'Disabled portal access',
      'portal.permissions_changed': 'Changed portal permissions',
      'portal.sign_in_link_sent': 'Sent a sign-in link',
      'portal.sign_in_code_generated': 'Made a sign-in code',
      'portal.demo_link_issued': 'Issued a demo sign-in link',
      'portal.access_viewed': 'Viewed Client Portal access',
    },
    prefixes: ['portal.', 'invitation.'],
  },
  messages: {
    actions: {
      'messages.viewed': 'Viewed messages',
      'message.sent': 'Sent a message',
      'attachment.downloaded': 'Downloaded an attachment',
      'message.client_notified': 'Emailed the client about a new message',
      'message.staff_notified': 'Emailed staff about a new message',
    },
    prefixes: ['message.', 'messages.', 'attachment.', 'conversation.'],
  },
  documents: {
    actions: {
      'documents.viewed': "Viewed a client's documents",
      'documents.shared': 'Shared documents',
      'document.reminded': 'Reminded the client of a document',
      'document.cancelled': 'Cancelled a shared document',
      'document.viewed': 'Viewed a document',
      'document.completed': 'Completed and signed a document',
      'document.pdf_downloaded': 'Downloaded the PDF of a completed document',
      'document.file_uploaded': 'Uploaded a file to a document',
      'document.file_removed': 'Removed a file from a document',
      'document.file_downloaded': 'Downloaded a file uploaded to a document',
      'client_file.shared': 'Shared a file with the client',
      'client_file.removed': 'Removed a file shared with the client',
      'client_file.downloaded': 'Downloaded a file shared by the practice',
      'document_template.created': 'Created a document template',
      'document_template.updated': 'Edited a document template',
      'document_template.archived': 'Archived a document template',
      'document_template.restored': 'Restored a document template',
    },
    prefixes: ['document.', 'documents.', 'document_template.', 'client_file.'],
  },
  team: {
    actions: {
      'team.member_invited': 'Invited a team member',
      'team.invitation_resent': 'Resent a team invitation',
      'team.invitation_revoked': 'Revoked a team invitation',
      'team.invitation_accepted': 'Accepted a team invitation',
      'team.roles_changed': "Changed a team member's roles",
      'team.member_deactivated': 'Deactivated a team member',
      'team.member_reactivated': 'Reactivated a team member',
    },
    prefixes: ['team.'],
  },
  settings: {
    actions: {
      'practice.created': 'Created the practice',
      'practice.date_time_format_updated': 'Changed the date and time format',
      'portal.settings_updated': 'Changed portal settings',
      'portal.practice_enabled': 'Turned the Client Portal on',
      'portal.practice_disabled': 'Turned the Client Portal off',
      'staff.two_factor_setup_started': 'Started setting up two-factor sign-in',
      'staff.two_factor_enabled': 'Turned on two-factor sign-in',
      'staff.two_factor_disabled': 'Turned off two-factor sign-in',
      'staff.two_factor_disable_refused': 'Tried to turn off two-factor sign-in with a wrong password',
      'staff.backup_codes_replaced': 'Made new backup codes',
      'staff.two_factor_reset': "Reset a team member's two-factor sign-in",
      'practice.two_factor_required': 'Required two-factor sign-in for everyone',
      'practice.two_factor_not_required': 'Stopped requiring two-factor sign-in',
      'service.created': 'Added a service',
      'service.updated': 'Changed a service',
      'service.archived': 'Archived a service',
      'service.restored': 'Restored a service',
      'location.created': 'Added a location',
      'location.updated': 'Changed a location',
      'location.archived': 'Archived a location',
      'location.restored': 'Restored a location',
    },
    prefixes: ['practice.', 'settings.', 'staff.', 'account.', 'service.', 'location.'],
  },
  billing: {
    actions: {
      'billing.settings_viewed': 'Viewed billing settings',
      'billing.settings_updated': 'Changed billing settings',
      'billing.clinician_updated': "Changed a clinician's billing details",
      'billing.client_viewed': "Viewed a client's billing",
      'billing.client_updated': "Changed a client's billing details",
      'billing.portal_viewed': 'Opened Billing in the Client Portal',
      'billing.portal_balance_viewed': 'Saw the balance due in the Client Portal',
      'billing.portal_notified': 'Emailed the client that a billing document is in the Client Portal',
      'billing.payments_viewed': "Viewed a client's payments",
      'billing.balance_viewed': "Viewed a client's balance",
      'billing.aging_viewed': 'Viewed the practice’s aging',
      'payment.recorded': 'Recorded a payment',
      'payment.applied': 'Applied credit to invoices',
      'payment.refunded': 'Recorded a refund',
      'statement.created': 'Created a statement',
      'statement.viewed': "Viewed a client's statements",
      'statement.downloaded': 'Downloaded a statement',
      'superbill.created': 'Created a superbill',
      'superbill.viewed': "Viewed a client's superbills",
      'superbill.downloaded': 'Downloaded a superbill',
      'invoice.created': 'Issued an invoice',
      'invoice.voided': 'Voided an invoice',
      'invoice.viewed': 'Viewed invoices',
      'invoice.downloaded': 'Downloaded an invoice',
      'invoice.item_updated': "Changed a billable item's fee",
    },
    prefixes: ['billing.', 'invoice.', 'payment.', 'statement.', 'superbill.'],
  },
  audit_log: {
    actions: { 'audit.exported': 'Exported the audit log' },
    prefixes: ['audit.'],
  },
};

const kindOfAction = new Map<string, AuditKind>(
  auditKinds.flatMap((kind) => Object.keys(auditKindRules[kind].actions).map((action) => [action, kind] as const)),
);

/** Every action known by name, of any kind (a prefix never claims these). */
export const namedAuditActions: readonly string[] = [...kindOfAction.keys()];

/** The kind of an action: its named kind, else the kind whose prefix it starts with, else null. */
export function auditKindOf(action: string): AuditKind | null {
  const named = kindOfAction.get(action);
  if (named) return named;
  return auditKinds.find((kind) => auditKindRules[kind].prefixes.some((prefix) => action.startsWith(prefix))) ?? null;
}

/** "Viewed client"; an action without a written label becomes readable words ("client.email_added" → "Client email added"). */
export function auditActionLabel(action: string): string {
  const kind = kindOfAction.get(action);
  if (kind) return auditKindRules[kind].actions[action] ?? action;
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
