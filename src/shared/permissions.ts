/**
 * What each staff role may do, shared by the server (which enforces it) and the staff web app
 * (which shows only what a role can use). Roles combine: a member may do what any of their roles
 * may (docs/decisions/026).
 */

export type Role = 'owner' | 'clinician' | 'biller' | 'scheduler';

/**
 * What staff do with a client's records, each granted per role:
 * - `profile`: the client's demographics and contact details (read, edit, archive, restore);
 * - `portal`: the Client Portal tab (access, invitations, sign-in links and codes, permissions);
 * - `messages`: the client's conversation and its attachments, and the practice's inbox;
 * - `documents`: the documents shared with the client (forms, consents, their answers and PDFs)
 *   and the files staff upload for them, and sharing more;
 * - `billing`: the client's Billing tab (diagnoses, insurance, billing address; later invoices and
 *   payments) read; changing it also needs the `manage_billing` action (docs/decisions/039).
 */
export type ClientCapability = 'profile' | 'portal' | 'messages' | 'documents' | 'billing';

/** Which clients a role reaches for a capability: every client, only those assigned, or none. */
export type Grant = 'all' | 'assigned' | 'none';

const grants: Record<Role, Record<ClientCapability, Grant>> = {
  owner: { profile: 'all', portal: 'all', messages: 'all', documents: 'all', billing: 'all' },
  // A clinician reads their own clients' billing (the diagnoses are theirs); billers change it.
  clinician: {
    profile: 'assigned',
    portal: 'assigned',
    messages: 'assigned',
    documents: 'assigned',
    billing: 'assigned',
  },
  // Demographics and contact details of every client. Client Portal access is the clinician's
  // relationship with the client (what to share, secure messaging): it stays with owners and the
  // client's clinicians, as messages do.
  // Intake answers and consents are clinical records: billers and schedulers see none of them.
  biller: { profile: 'all', portal: 'none', messages: 'none', documents: 'none', billing: 'all' },
  // Schedulers have no part in billing.
  scheduler: { profile: 'all', portal: 'none', messages: 'none', documents: 'none', billing: 'none' },
};

/** The widest grant among the roles (roles combine). */
export function grantOf(roles: readonly Role[], capability: ClientCapability): Grant {
  const granted = roles.map((role) => grants[role][capability]);
  if (granted.includes('all')) return 'all';
  if (granted.includes('assigned')) return 'assigned';
  return 'none';
}

/** Practice-wide actions that are not about one client's records. */
export type StaffAction =
  /** Choose a client's clinicians: when adding the client, and reassigning on the profile. */
  | 'assign_clinicians'
  /** Add a client: owners and schedulers (who choose the clinician), clinicians (who become it). */
  | 'create_client'
  /** Settings of the practice, the audit log (the team, later, too). */
  | 'manage_practice'
  /** Settings → Billing, clinicians' billing identities, and changing a client's billing. */
  | 'manage_billing';

const actions: Record<StaffAction, readonly Role[]> = {
  assign_clinicians: ['owner', 'scheduler'],
  create_client: ['owner', 'scheduler', 'clinician'],
  manage_practice: ['owner'],
  manage_billing: ['owner', 'biller'],
};

export function mayDo(roles: readonly Role[], action: StaffAction): boolean {
  return roles.some((role) => actions[action].includes(role));
}

/**
 * Whose calendar a role sees and books: owners and schedulers every clinician's, a clinician their
 * own, a biller none. Roles combine by taking the widest.
 */
export type CalendarReach = 'all' | 'own' | 'none';

export function calendarReach(roles: readonly Role[]): CalendarReach {
  if (roles.includes('owner') || roles.includes('scheduler')) return 'all';
  if (roles.includes('clinician')) return 'own';
  return 'none';
}
