import type { StaffMembershipsTable, StaffRole } from '../../db/schema.js';

/** The roles in the order they are shown and stored. */
export const staffRoleOrder: readonly StaffRole[] = ['owner', 'clinician', 'biller', 'scheduler'];

/** A membership's role flags as the list the API and the request's actor carry. */
export function rolesOf(flags: Pick<StaffMembershipsTable, StaffRole>): StaffRole[] {
  return staffRoleOrder.filter((role) => flags[role] === 1);
}

/** A list of roles as the membership's flag columns. */
export function roleFlags(roles: readonly StaffRole[]): Pick<StaffMembershipsTable, StaffRole> {
  return {
    owner: roles.includes('owner') ? 1 : 0,
    clinician: roles.includes('clinician') ? 1 : 0,
    biller: roles.includes('biller') ? 1 : 0,
    scheduler: roles.includes('scheduler') ? 1 : 0,
  };
}
