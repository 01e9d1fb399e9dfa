import { emptyBody, okSchema } from '../schemas/common.js';
import {
  accountNameBody,
  accountSession,
  accountSessionParams,
  confirmEmailBody,
  emailChangeBody,
  myAccount,
  passwordChangeBody,
  signedOutCount,
} from '../schemas/settings.js';
import { z } from 'zod';
import { endpoint } from './endpoint.js';

/** Settings → My account: every staff member's own name, email, password and signed-in browsers. */
export const accountApi = {
  get: endpoint({ method: 'GET', path: '/api/account', response: myAccount }),
  updateName: endpoint({ method: 'PUT', path: '/api/account/name', body: accountNameBody, response: myAccount }),
  requestEmailChange: endpoint({
    method: 'POST',
    path: '/api/account/email',
    body: emailChangeBody,
    response: myAccount,
  }),
  cancelEmailChange: endpoint({
    method: 'POST',
    path: '/api/account/email/cancel',
    body: emptyBody,
    response: myAccount,
  }),
  /** Used from the emailed link, signed in or not. */
  confirmEmail: endpoint({
    method: 'POST',
    path: '/api/account/email/confirm',
    body: confirmEmailBody,
    response: okSchema,
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/account/password',
    body: passwordChangeBody,
    response: signedOutCount,
  }),
  sessions: endpoint({ method: 'GET', path: '/api/account/sessions', response: z.array(accountSession) }),
  signOutSession: endpoint({
    method: 'POST',
    path: '/api/account/sessions/:id/sign-out',
    params: accountSessionParams,
    body: emptyBody,
    response: okSchema,
  }),
  signOutEverywhere: endpoint({
    method: 'POST',
    path: '/api/account/sessions/sign-out-others',
    body: emptyBody,
    response: signedOutCount,
  }),
};
