import type { AppDeps } from '../../src/server/deps.js';
import type { ManualClock } from '../../src/server/platform/clock.js';
import { issuePortalToken } from '../../src/server/modules/portal-access/index.js';
import { signInWithLink } from '../../src/server/modules/portal-auth/portal-auth.service.js';
import { systemContext } from '../../src/server/platform/request-context.js';
import { sessionCookieName, type NewSession } from '../../src/server/platform/sessions.js';
import type { FastifyInstance } from 'fastify';
import { createClient } from '../factories/clients.js';
import { factoryVisitorContext } from '../factories/contexts.js';
import { createPortalAccess } from '../factories/portal.js';
import { createPractice, type FactoryPractice } from '../factories/practices.js';
import { createLocation, createService } from '../factories/scheduling.js';
import { Agent, signInAs } from './agent.js';

type T = { app: FastifyInstance; deps: AppDeps & { clock: ManualClock } };

/** Monday 4 January 2027, 09:00 in New York (EST): the tests' "now". */
export const requestsNow = new Date('2027-01-04T14:00:00.000Z');

export const defaultRequestSettings = {
  requestsEnabled: true,
  minimumNoticeMinutes: 24 * 60,
  bookingWindowDays: 60,
  slotIntervalMinutes: 60,
  bufferMinutes: 0,
  holdMinutes: 72 * 60,
  clientCancelAllowed: true,
  clientCancelNoticeMinutes: 24 * 60,
  reminderMinutes: 24 * 60,
  reminderNamesService: false,
};

/** A client of the practice assigned to its owner, signed in to the portal with appointments allowed. */
export async function signedInClient(t: T, practice: FactoryPractice, clinicianId = practice.owner.id) {
  const client = await createClient(t.deps, practice.id, {}, { clinicians: { primaryId: clinicianId, otherIds: [] } });
  const access = await createPortalAccess(t.deps, practice.id, client.id, {
    state: 'active',
    permissions: { appointments: true },
  });
  if (!access.session) throw new Error('no portal session');
  return { client, agent: clientAgent(t, access.session), address: access.emailAddress };
}

function clientAgent(t: T, session: NewSession): Agent {
  const cookie = `${sessionCookieName(t.deps.config, 'client')}=${t.app.signCookie(session.token)}`;
  return new Agent(t.app, cookie, session.csrfToken);
}

/** A new portal session for the client (after the test clock moved past the last one's idle time). */
export async function signInAgain(t: T, practiceId: string, clientId: string, address: string): Promise<Agent> {
  const link = await issuePortalToken(systemContext(t.deps, practiceId), {
    clientId,
    kind: 'link',
    emailAddress: address,
  });
  if (!link.token) throw new Error('no link token');
  return clientAgent(t, await signInWithLink(factoryVisitorContext(t.deps, practiceId), link.token));
}

/**
 * A New York practice taking online requests: its owner (also its clinician) works Monday to Friday
 * 09:00–17:00 at the Main office, open to requests, and offers the 50-minute "Individual therapy";
 * one client is signed in to the portal.
 */
export async function requestsWorld(t: T, settings: Partial<typeof defaultRequestSettings> = {}) {
  t.deps.clock.set(requestsNow);
  const practice = await createPractice(t.deps);
  const staff = await signInAs(t.app, practice.owner.email);
  const service = await createService(t.deps, practice.id, { onlineRequests: true, clinicianIds: [practice.owner.id] });
  const location = await createLocation(t.deps, practice.id);
  const saved = await staff.put('/api/settings/appointment-requests', { ...defaultRequestSettings, ...settings });
  if (saved.statusCode !== 200) throw new Error(`settings: ${saved.body}`);
  const blocks = [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    start: '09:00',
    end: '17:00',
    locationId: location.id,
    serviceIds: [],
    allowRequests: true,
  }));
  const put = await staff.put(`/api/availability/${practice.owner.id}/blocks`, { blocks });
  if (put.statusCode !== 200) throw new Error(`blocks: ${put.body}`);
  const { client, agent, address } = await signedInClient(t, practice);
  const base = `/api/portal/${practice.slug}`;
  const ask = { serviceId: service.id, clinicianId: practice.owner.id, locationId: location.id };
  const slotsUrl = `${base}/appointment-slots?${new URLSearchParams(ask).toString()}`;
  return {
    practice,
    staff,
    service,
    location,
    client,
    clientAgent: agent,
    clientAddress: address,
    base,
    ask,
    slotsUrl,
  };
}
