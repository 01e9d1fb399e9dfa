/** The staff module: the practice's staff accounts, and a new practice created with its owner. */
export { findNotifiedStaff, findStaffMember, getStaffName, updateStaffMember } from './staff.queries.js';
export { createPracticeWithOwner } from './staff.service.js';
export { findStaffByEmail, findStaffById, findStaffSession, insertStaff, updateStaff } from './staff.unscoped.js';
