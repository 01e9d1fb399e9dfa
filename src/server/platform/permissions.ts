import { grantOf, type ClientCapability } from '../../shared/permissions.js';
import type { StaffActor } from './context.js';

export type { ClientCapability } from '../../shared/permissions.js';

/**
 * The clients a staff member reaches for one capability: `all` of the practice's, or only those
 * `assigned` to them (client_clinicians). It travels in the Scope (`Scope.clientReach`) and every
 * query reading client records applies it, so an unassigned client is simply not found (404).
 */
export type ClientReach = { readonly kind: 'all' } | { readonly kind: 'assigned'; readonly staffId: string };

/** The actor's reach for a capability (the union of their roles' grants), or null when none grants it. */
export function clientReach(actor: StaffActor, capability: ClientCapability): ClientReach | null {
  const grant = grantOf(actor.roles, capability);
  if (grant === 'all') return { kind: 'all' };
  if (grant === 'assigned') return { kind: 'assigned', staffId: actor.staffId };
  return null;
}
