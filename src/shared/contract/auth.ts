import {
  createPracticeBody,
  forgotPasswordBody,
  resetPasswordBody,
  sessionState,
  signInBody,
} from '../schemas/auth.js';
import { emptyBody, okSchema } from '../schemas/common.js';
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
  signIn: endpoint({ method: 'POST', path: '/api/auth/sign-in', body: signInBody, response: sessionState }),
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
