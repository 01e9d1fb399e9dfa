import type { StaffRole } from '../../../../shared/schemas/auth.js';

/** Owners and schedulers answer every clinician's requests, clinicians their own; billers none. */
export function canAnswerRequests(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => role === 'owner' || role === 'scheduler' || role === 'clinician');
}
