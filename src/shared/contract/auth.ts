import {
  createPracticeBody,
  forgotPasswordBody,
  resetPasswordBody,
  sessionState,
  signInBody,
} from '../schemas/auth.js';
import { z } from 'zod';
import { emptyBody, okSchema } from '../schemas/common.js';
import { codeNeeded, signInCodeBody } from '../schemas/two-factor.js';
import { endpoint } from './endpoint.js';

/** Staff sign-in, the first practice's setup, sign-up and password reset. */
export const authApi = {
  session: endpoint({ method: 'GET', path: '/api/session', response: sessionState }),
  setup: endpoint({
    method: 'POST',
    path: '/api/setup',
    body: createPracticeBody,
    response: sessionState,
    status: 201,
  }),
  signUp: endpoint({
    method: 'POST',
    path: '/api/signup',
    body: createPracticeBody,
    response: sessionState,
    status: 201,
  }),
  /** The password step: signed in, or (an account with two-factor) the pending sign-in the code step takes. */
  signIn: endpoint({
    method: 'POST',
    path: '/api/auth/sign-in',
    body: signInBody,
    response: z.union([sessionState, codeNeeded]),
  }),
  /** The code step: a code from the app, or a backup code, for the pending sign-in. */
  signInCode: endpoint({
    method: 'POST',
    path: '/api/auth/sign-in/code',
    body: signInCodeBody,
    response: sessionState,
  }),
  signOut: endpoint({ method: 'POST', path: '/api/auth/sign-out', body: emptyBody, response: okSchema }),
  forgotPassword: endpoint({
    method: 'POST',
    path: '/api/auth/forgot-password',
    body: forgotPasswordBody,
    response: okSchema,
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/auth/reset-password',
    body: resetPasswordBody,
    response: okSchema,
  }),
};
