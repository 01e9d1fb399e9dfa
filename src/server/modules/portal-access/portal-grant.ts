import type { Flag, PortalAccessTable } from '../../db/schema.js';
import type { ClientGrant } from '../../platform/context.js';

/** The columns the portal's rule reads: the access row's, its client's and the practice's switches. */
export interface GrantColumns {
  state: PortalAccessTable['state'];
  perm_appointments: Flag;
  perm_messaging: Flag;
  perm_billing: Flag;
  perm_pay: Flag;
  /** null: the practice has no settings row, so the defaults (the portal and messaging on). */
  enabled: Flag | null;
  messaging_enabled: Flag | null;
  /** null: no scheduling settings row, so requests off. */
  requests_enabled: Flag | null;
  archived_at: string | null;
}

/** The rule itself, on columns read by usableGrant or with the session (findClientSession). */
export function grantFrom(row: GrantColumns): ClientGrant | null {
  // A practice without a settings row has the defaults: the portal and messaging on.
  if (row.state !== 'active' || row.enabled === 0 || row.archived_at !== null) return null;
  return {
    // Requests are off until the practice turns them on (Settings → Client Portal).
    appointments: row.perm_appointments === 1 && row.requests_enabled === 1,
    // The practice's switch overrides the client's permission: the portal shows what works.
    messaging: row.perm_messaging === 1 && row.messaging_enabled !== 0,
    billing: row.perm_billing === 1,
    pay: row.perm_pay === 1,
  };
}
