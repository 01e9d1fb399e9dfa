import { z } from 'zod';
import { sessionState } from '../schemas/auth.js';
import { emptyBody } from '../schemas/common.js';
import {
  acceptInvitationBody,
  invitationPreview,
  invitationTokenBody,
  inviteBody,
  myPractices,
  rolesBody,
  switchPracticeBody,
  team,
  teamIdParams,
} from '../schemas/team.js';
import { codeNeeded } from '../schemas/two-factor.js';
import { endpoint } from './endpoint.js';

/** Settings → Team (owners only): members, invitations, roles, deactivation. */
export const teamApi = {
  list: endpoint({ method: 'GET', path: '/api/team', response: team }),
  invite: endpoint({ method: 'POST', path: '/api/team/invitations', body: inviteBody, response: team, status: 201 }),
  resend: endpoint({
    method: 'POST',
    path: '/api/team/invitations/:id/resend',
    params: teamIdParams,
    body: emptyBody,
    response: team,
  }),
  revoke: endpoint({
    method: 'POST',
    path: '/api/team/invitations/:id/revoke',
    params: teamIdParams,
    body: emptyBody,
    response: team,
  }),
  setRoles: endpoint({
    method: 'PUT',
    path: '/api/team/members/:id/roles',
    params: teamIdParams,
    body: rolesBody,
    response: team,
  }),
  deactivate: endpoint({
    method: 'POST',
    path: '/api/team/members/:id/deactivate',
    params: teamIdParams,
    body: emptyBody,
    response: team,
  }),
  reactivate: endpoint({
    method: 'POST',
    path: '/api/team/members/:id/reactivate',
    params: teamIdParams,
    body: emptyBody,
    response: team,
  }),
};

/** The invitation link, opened by someone not signed in (or signed in elsewhere). */
export const invitationApi = {
  preview: endpoint({
    method: 'POST',
    path: '/api/invitations/preview',
    body: invitationTokenBody,
    response: invitationPreview,
  }),
  /** Signed in, or (an account with two-factor) the pending sign-in the sign-in's code step takes. */
  accept: endpoint({
    method: 'POST',
    path: '/api/invitations/accept',
    body: acceptInvitationBody,
    response: z.union([sessionState, codeNeeded]),
  }),
};

/** One person on several practices' teams: which practices, and opening another. */
export const practiceSwitchApi = {
  mine: endpoint({ method: 'GET', path: '/api/session/practices', response: myPractices }),
  switch: endpoint({
    method: 'POST',
    path: '/api/session/switch-practice',
    body: switchPracticeBody,
    response: sessionState,
  }),
};
