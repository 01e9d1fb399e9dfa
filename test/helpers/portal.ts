import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../src/server/deps.js';
import type { ManualClock } from '../../src/server/platform/clock.js';
import { Agent, sessionCookieFrom, signInAs } from './agent.js';
import { createClient } from '../factories/clients.js';
import { createPractice, type FactoryPractice } from '../factories/practices.js';

/** A practice, its signed-in owner and one client with a consenting email. */
export async function portalWorld(app: FastifyInstance, deps: AppDeps) {
  const practice = await createPractice(deps);
  const staff = await signInAs(app, practice.owner.email);
  const client = await createClient(deps, practice.id);
  const email = client.emails[0];
  if (!email) throw new Error('factory client has no email');
  return { practice, staff, client, email };
}

/** The link token and code in the newest email the outbox holds for an address. */
export async function latestPortalEmail(deps: Pick<AppDeps, 'db'>, to: string) {
  const row = await deps.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const token = /#token=([\w-]+)/.exec(row.text)?.[1];
  const code = /code with your email address: (\d{6})/.exec(row.text)?.[1];
  if (!token || !code) throw new Error(`no link or code in: ${row.text}`);
  return { row, token, code };
}

/**
 * Sends the invitation one second after whatever came before, so "newest" is well defined under
 * the test clock, which stands still.
 */
export async function invite(
  deps: { clock: ManualClock },
  staff: Agent,
  clientId: string,
  emailId: string,
  message = 'Welcome to our portal.',
) {
  deps.clock.advanceMinutes(1 / 60);
  return staff.post(`/api/clients/${clientId}/portal/invitations`, { emailId, message });
}

/** Signs the client in with a link, returning an agent holding the client cookie. */
export async function redeemLink(app: FastifyInstance, practice: FactoryPractice, token: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/portal/${practice.slug}/sign-in/link`,
    payload: { token },
  });
  if (response.statusCode !== 200) return { response, agent: null };
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return { response, agent: new Agent(app, sessionCookieFrom(response, 'portico_client'), csrfToken) };
}
