import type { FastifyInstance, FastifyReply } from 'fastify';
import { invitationApi, practiceSwitchApi, teamApi } from '../../../shared/contract/team.js';
import type { SessionLimit } from '../../db/schema.js';
import { requestMeta } from '../../platform/context.js';
import { KeyLimiter, type BucketKeys } from '../../platform/key-limiter.js';
import { ownerContext, staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { setSessionCookie, type NewSession } from '../../platform/sessions.js';
import { getSessionState, perIp } from '../auth/index.js';
import { acceptInvitation, previewInvitation } from './invitations.service.js';
import { listMyPractices, switchPractice } from './switch.service.js';
import {
  deactivateMember,
  getTeam,
  inviteMember,
  reactivateMember,
  resendInvitation,
  revokeInvitation,
  setMemberRoles,
} from './team.service.js';

/** Wrong passwords given to accept an invitation with an existing account, per address (only failures count). */
const wrongInvitationPasswords = { name: 'team-invitation-password', max: 10, windowMs: 15 * 60_000 };
const invitationPasswordKeys = (request: { ip: string }): BucketKeys => [[wrongInvitationPasswords, request.ip]];

/** Settings → Team (owners), the invitation link (anyone holding it) and the practice switcher (any staff). */
export async function teamRoutes(app: FastifyInstance): Promise<void> {
  route(app, teamApi.list, async (request) => getTeam(ownerContext(request)));
  route(app, teamApi.invite, async (request) => inviteMember(ownerContext(request), request.body));
  route(app, teamApi.resend, async (request) => resendInvitation(ownerContext(request), request.params.id));
  route(app, teamApi.revoke, async (request) => revokeInvitation(ownerContext(request), request.params.id));
  route(app, teamApi.setRoles, async (request) =>
    setMemberRoles(ownerContext(request), request.params.id, request.body.roles),
  );
  route(app, teamApi.deactivate, async (request) => deactivateMember(ownerContext(request), request.params.id));
  route(app, teamApi.reactivate, async (request) => reactivateMember(ownerContext(request), request.params.id));

  async function signedInState(
    reply: FastifyReply,
    session: NewSession,
    who: { staffId: string; practiceId: string; limitedTo: SessionLimit | null },
  ) {
    setSessionCookie(app.deps, reply, 'staff', session.token);
    return getSessionState(app.deps, { ...who, csrfToken: session.csrfToken });
  }

  const wrongPasswords = new KeyLimiter(app.rateWindows, invitationPasswordKeys);
  route(app, invitationApi.preview, { config: { rateLimit: perIp } }, async (request) =>
    previewInvitation(app.deps, request.body.token),
  );
  route(
    app,
    invitationApi.accept,
    { config: { rateLimit: perIp }, preHandler: wrongPasswords.count },
    async (request, reply) => {
      const accepted = await acceptInvitation(app.deps, request.body, requestMeta(request));
      await wrongPasswords.forgive(request);
      // An account with two-factor gives its code next, at the sign-in's code step.
      if (accepted.step === 'code') {
        return { codeRequired: true as const, token: accepted.token, expiresAt: accepted.expiresAt };
      }
      return signedInState(reply, accepted.session, accepted);
    },
  );

  route(app, practiceSwitchApi.mine, async (request) => listMyPractices(staffContext(request)));
  route(app, practiceSwitchApi.switch, async (request, reply) => {
    const switched = await switchPractice(staffContext(request), request.body.practiceId);
    return signedInState(reply, switched.session, switched);
  });
}
