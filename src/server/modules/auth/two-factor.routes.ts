import type { FastifyInstance } from 'fastify';
import { twoFactorApi } from '../../../shared/contract/two-factor.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { ownerContext, staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { codeKeys, currentPasswordKeys, perIp, signedInAccount } from './auth.limits.js';
import {
  confirmTwoFactorSetUp,
  disableTwoFactor,
  getPracticeSecurity,
  getTwoFactorStatus,
  replaceBackupCodesWithCode,
  resetMemberTwoFactor,
  startTwoFactorSetUp,
  updatePracticeSecurity,
} from './two-factor.service.js';

/**
 * Settings → Security: each staff member's own two-factor, the practice's requirement, and an
 * owner's reset of a member's. Status, set-up and its confirmation also serve a session limited to
 * set-up (`limitedSessions`). Wrong codes are counted per address and per account, a right one
 * taken back.
 */
export async function twoFactorRoutes(app: FastifyInstance): Promise<void> {
  const wrongCodes = new KeyLimiter(app.rateWindows, codeKeys(signedInAccount));
  const wrongPasswords = new KeyLimiter(app.rateWindows, currentPasswordKeys);
  const checksCode = { config: { rateLimit: perIp }, preHandler: wrongCodes.count };
  const duringSetUp = { limitedSessions: true };

  route(app, twoFactorApi.status, { config: duringSetUp }, async (request) =>
    getTwoFactorStatus(staffContext(request)),
  );
  route(app, twoFactorApi.setUp, { config: { ...duringSetUp, rateLimit: perIp } }, async (request) =>
    startTwoFactorSetUp(staffContext(request)),
  );
  route(
    app,
    twoFactorApi.confirm,
    { ...checksCode, config: { ...checksCode.config, ...duringSetUp } },
    async (request) => {
      const codes = await confirmTwoFactorSetUp(staffContext(request), request.body.code);
      await wrongCodes.forgive(request);
      return codes;
    },
  );
  route(app, twoFactorApi.newBackupCodes, checksCode, async (request) => {
    const codes = await replaceBackupCodesWithCode(staffContext(request), request.body.code);
    await wrongCodes.forgive(request);
    return codes;
  });
  route(
    app,
    twoFactorApi.disable,
    { config: { rateLimit: perIp }, preHandler: [wrongPasswords.count, wrongCodes.count] },
    async (request) => {
      const status = await disableTwoFactor(staffContext(request), request.body);
      await wrongPasswords.forgive(request);
      await wrongCodes.forgive(request);
      return status;
    },
  );
  route(app, twoFactorApi.practiceSecurity, async (request) => getPracticeSecurity(ownerContext(request)));
  route(app, twoFactorApi.updatePracticeSecurity, async (request) =>
    updatePracticeSecurity(ownerContext(request), request.body),
  );
  route(app, twoFactorApi.resetMember, async (request) => {
    await resetMemberTwoFactor(ownerContext(request), request.params.id);
    return { ok: true as const };
  });
}
