/** The staff module: the practice's staff accounts and memberships, and a new practice created with its owner. */
export {
  findDefaultClinician,
  findNotifiedStaff,
  findStaffMember,
  getStaffName,
  listClinicians,
  updateStaffMember,
  type StaffMember,
} from './staff.queries.js';
export { rolesOf, roleFlags, staffRoleOrder } from './staff.roles.js';
export { createPracticeWithOwner } from './staff.service.js';
export {
  findStaffByEmail,
  findStaffById,
  findSignInPractice,
  findStaffSession,
  insertMembership,
  insertStaff,
  updateStaff,
} from './staff.unscoped.js';
