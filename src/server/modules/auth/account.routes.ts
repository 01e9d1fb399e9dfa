import type { FastifyInstance } from 'fastify';
import { accountApi } from '../../../shared/contract/account.js';
import { requestMeta } from '../../platform/context.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { clearSessionCookie } from '../../platform/sessions.js';
import {
  cancelEmailChange,
  changePassword,
  confirmEmailChange,
  getMyAccount,
  listMySessions,
  requestEmailChange,
  signOutEverywhere,
  signOutSession,
  updateMyName,
} from './account.service.js';
import { currentPasswordKeys, perIp } from './auth.limits.js';

/** Settings → My account: every staff member's own account, whatever their role. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  route(app, accountApi.get, async (request) => getMyAccount(staffContext(request)));
  route(app, accountApi.updateName, async (request) => updateMyName(staffContext(request), request.body.name));
  // The routes that check the current password are limited per address like sign-in, and count
  // wrong current passwords per account (a success takes its attempt back).
  const wrongCurrentPasswords = new KeyLimiter(app.rateWindows, currentPasswordKeys);
  const checksPassword = { config: { rateLimit: perIp }, preHandler: wrongCurrentPasswords.count };
  route(app, accountApi.requestEmailChange, checksPassword, async (request) => {
    const requested = await requestEmailChange(staffContext(request), request.body);
    await wrongCurrentPasswords.forgive(request);
    return requested;
  });
  route(app, accountApi.cancelEmailChange, async (request) => cancelEmailChange(staffContext(request)));
  route(app, accountApi.confirmEmail, { config: { rateLimit: perIp } }, async (request) => {
    await confirmEmailChange(app.deps, request.body.token, requestMeta(request));
    return { ok: true as const };
  });
  route(app, accountApi.changePassword, checksPassword, async (request) => {
    const changed = await changePassword(staffContext(request), request.body);
    await wrongCurrentPasswords.forgive(request);
    return changed;
  });
  route(app, accountApi.sessions, async (request) => listMySessions(staffContext(request)));
  route(app, accountApi.signOutSession, async (request, reply) => {
    const ended = await signOutSession(staffContext(request), request.params.id);
    if (ended.current) clearSessionCookie(reply, 'staff');
    return { ok: true as const };
  });
  route(app, accountApi.signOutEverywhere, async (request) => signOutEverywhere(staffContext(request)));
}
