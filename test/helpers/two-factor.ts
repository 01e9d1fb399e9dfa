import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import type { Clock } from '../../src/server/platform/clock.js';
import { Agent, sessionCookieFrom } from './agent.js';
import { factoryPassword } from '../factories/practices.js';

/** The code an authenticator app shows for the secret at that moment (RFC 6238, as otplib computes it). */
export function codeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Sets up two-factor for the signed-in agent's account with a code at the clock's time. */
export async function enrolTwoFactor(agent: Agent, clock: Clock): Promise<{ secret: string; backupCodes: string[] }> {
  const setUp = await agent.post('/api/account/two-factor/setup');
  if (setUp.statusCode !== 200) throw new Error(`set-up failed: ${setUp.statusCode} ${setUp.body}`);
  const { secret } = setUp.json<{ secret: string }>();
  const confirmed = await agent.post('/api/account/two-factor/confirm', { code: await codeAt(secret, clock.now()) });
  if (confirmed.statusCode !== 200) throw new Error(`confirming failed: ${confirmed.statusCode} ${confirmed.body}`);
  return { secret, backupCodes: confirmed.json<{ backupCodes: string[] }>().backupCodes };
}

/** The password step for an account with two-factor: the pending sign-in's token. */
export async function pendingSignIn(app: FastifyInstance, email: string, password = factoryPassword): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  const body = response.json<{ codeRequired?: true; token?: string }>();
  if (response.statusCode !== 200 || !body.codeRequired || !body.token) {
    throw new Error(`expected a code step: ${response.statusCode} ${response.body}`);
  }
  return body.token;
}

/** Both steps of signing in to an account with two-factor. */
export async function signInWithCode(app: FastifyInstance, email: string, code: string): Promise<Agent> {
  const token = await pendingSignIn(app, email);
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in/code', payload: { token, code } });
  if (response.statusCode !== 200) throw new Error(`code step failed: ${response.statusCode} ${response.body}`);
  return new Agent(app, sessionCookieFrom(response), response.json<{ csrfToken: string }>().csrfToken);
}
