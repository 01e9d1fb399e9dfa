import { emptyBody, idParams, okSchema } from '../schemas/common.js';
import {
  backupCodes,
  confirmTwoFactorBody,
  disableTwoFactorBody,
  practiceSecurity,
  practiceSecurityBody,
  twoFactorSetup,
  twoFactorStatus,
} from '../schemas/two-factor.js';
import { endpoint } from './endpoint.js';

/**
 * Two-factor sign-in: each staff member's own (Settings → Security, and the set-up a practice
 * that requires it sends them to), the practice's requirement, and an owner's reset of a member's.
 * The sign-in's code step is in authApi.
 */
export const twoFactorApi = {
  status: endpoint({ method: 'GET', path: '/api/account/two-factor', response: twoFactorStatus }),
  /** Starts (or starts over) set-up: a new secret, in force only once a code from it is confirmed. */
  setUp: endpoint({
    method: 'POST',
    path: '/api/account/two-factor/setup',
    body: emptyBody,
    response: twoFactorSetup,
  }),
  confirm: endpoint({
    method: 'POST',
    path: '/api/account/two-factor/confirm',
    body: confirmTwoFactorBody,
    response: backupCodes,
  }),
  /** New backup codes in place of the old ones (all of them): needs a code from the app or a backup code. */
  newBackupCodes: endpoint({
    method: 'POST',
    path: '/api/account/two-factor/backup-codes',
    body: confirmTwoFactorBody,
    response: backupCodes,
  }),
  disable: endpoint({
    method: 'POST',
    path: '/api/account/two-factor/disable',
    body: disableTwoFactorBody,
    response: twoFactorStatus,
  }),
  practiceSecurity: endpoint({ method: 'GET', path: '/api/practice/security', response: practiceSecurity }),
  updatePracticeSecurity: endpoint({
    method: 'PUT',
    path: '/api/practice/security',
    body: practiceSecurityBody,
    response: practiceSecurity,
  }),
  /** An owner turns a member's two-factor off (a lost phone): they set it up again at their next sign-in. */
  resetMember: endpoint({
    method: 'POST',
    path: '/api/staff/:id/two-factor/reset',
    params: idParams,
    body: emptyBody,
    response: okSchema,
  }),
};
