import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../db/schema.js';
import type { ClientClinicians } from '../../../shared/schemas/client-clinicians.js';
import type { Client, ClientList } from '../../../shared/schemas/clients.js';
import type { ConversationsPage } from '../../../shared/schemas/messages.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A practice with an owner, two clinicians, a biller and a scheduler, each signed in. */
async function team() {
  const practice = await createPractice(t.deps);
  const member = async (roles: { roles: readonly StaffRole[]; name?: string }) => {
    const created = await createStaff(t.deps, practice.id, roles);
    return { ...created, agent: await signInAs(t.app, created.email) };
  };
  return {
    practice,
    owner: { ...practice.owner, agent: await signInAs(t.app, practice.owner.email) },
    ada: await member({ roles: ['clinician'], name: 'Ada Clinician' }),
    ben: await member({ roles: ['clinician'], name: 'Ben Clinician' }),
    biller: await member({ roles: ['biller'] }),
    scheduler: await member({ roles: ['scheduler'] }),
  };
}

const newClient = (lastName: string, extra: Record<string, unknown> = {}) => ({
  firstName: 'Noor',
  lastName,
  emails: [],
  ...extra,
});

describe('assigned clinicians', () => {
  it('makes the clinician who adds a client its primary clinician; owners and schedulers choose', async () => {
    const w = await team();
    const byAda = await w.ada.agent.post('/api/clients', newClient('Byada'));
    expect(byAda.statusCode, byAda.body).toBe(201);
    const adaClient = byAda.json<Client>();
    const assigned = await w.ada.agent.get(`/api/clients/${adaClient.id}/clinicians`);
    expect(assigned.json<ClientClinicians>().clinicians).toEqual([
      { staffId: w.ada.id, name: 'Ada Clinician', isPrimary: true },
    ]);
    // A clinician cannot hand the client to someone else while adding it.
    const chosenByAda = await w.ada.agent.post(
      '/api/clients',
      newClient('Chosen', { clinicians: { primaryId: w.ben.id, otherIds: [] } }),
    );
    expect(chosenByAda.statusCode).toBe(400);
    expect(chosenByAda.json()).toMatchObject({ error: { fields: [{ field: 'clinicians' }] } });

    // A scheduler must choose, and may add others.
    const unchosen = await w.scheduler.agent.post('/api/clients', newClient('Unchosen'));
    expect(unchosen.json()).toMatchObject({ error: { fields: [{ field: 'clinicians', message: 'is required' }] } });
    const chosen = await w.scheduler.agent.post(
      '/api/clients',
      newClient('Chosen', { clinicians: { primaryId: w.ben.id, otherIds: [w.ada.id] } }),
    );
    expect(chosen.statusCode, chosen.body).toBe(201);
    const both = await w.owner.agent.get(`/api/clients/${chosen.json<Client>().id}/clinicians`);
    expect(both.json<ClientClinicians>().clinicians.map((c) => [c.staffId, c.isPrimary])).toEqual([
      [w.ben.id, true],
      [w.ada.id, false],
    ]);
    // Only clinicians can be assigned.
    const toBiller = await w.owner.agent.post(
      '/api/clients',
      newClient('Billed', { clinicians: { primaryId: w.biller.id, otherIds: [] } }),
    );
    expect(toBiller.json()).toMatchObject({ error: { fields: [{ field: 'clinicians.primaryId' }] } });
    // Billers do not add clients.
    expect((await w.biller.agent.post('/api/clients', newClient('Nope'))).statusCode).toBe(403);
  });

  it('lets owners and schedulers reassign, audited, and the clinician then sees the client', async () => {
    const w = await team();
    const client = await createClient(t.deps, w.practice.id, { lastName: 'Reassigned' });
    expect((await w.ada.agent.get(`/api/clients/${client.id}`)).statusCode).toBe(404);
    expect((await w.ada.agent.put(`/api/clients/${client.id}/clinicians`, { primaryId: w.ada.id })).statusCode).toBe(
      403,
    );

    const reassigned = await w.owner.agent.put(`/api/clients/${client.id}/clinicians`, {
      primaryId: w.ada.id,
      otherIds: [w.ben.id],
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect(reassigned.json<ClientClinicians>().clinicians.map((c) => c.name)).toEqual([
      'Ada Clinician',
      'Ben Clinician',
    ]);
    expect((await w.ada.agent.get(`/api/clients/${client.id}`)).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('client_id', '=', client.id)
      .where('action', '=', 'client.clinicians_changed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(w.practice.owner.id);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      primary: w.ada.id,
      others: w.ben.id,
      previousPrimary: w.practice.owner.id,
    });

    // Saving the same assignment again changes nothing and writes no audit row.
    await w.scheduler.agent.put(`/api/clients/${client.id}/clinicians`, { primaryId: w.ada.id, otherIds: [w.ben.id] });
    const again = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('client_id', '=', client.id)
      .where('action', '=', 'client.clinicians_changed')
      .execute();
    expect(again).toHaveLength(1);

    // The scheduler moves the client to Ben alone: Ada no longer finds it.
    const moved = await w.scheduler.agent.put(`/api/clients/${client.id}/clinicians`, {
      primaryId: w.ben.id,
      otherIds: [],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await w.ada.agent.get(`/api/clients/${client.id}`)).statusCode).toBe(404);
    expect((await w.ben.agent.get(`/api/clients/${client.id}`)).statusCode).toBe(200);

    const twice = await w.owner.agent.put(`/api/clients/${client.id}/clinicians`, {
      primaryId: w.ada.id,
      otherIds: [w.ada.id],
    });
    expect(twice.json()).toMatchObject({ error: { fields: [{ field: 'otherIds.0' }] } });
  });

  it('shows a clinician only their clients in the list, search, counts and Messages', async () => {
    const w = await team();
    const mine = await createClient(
      t.deps,
      w.practice.id,
      { firstName: 'Quentin', lastName: 'Assigned' },
      { clinicians: { primaryId: w.ada.id, otherIds: [] } },
    );
    const shared = await createClient(
      t.deps,
      w.practice.id,
      { firstName: 'Quentin', lastName: 'Shared' },
      { clinicians: { primaryId: w.ben.id, otherIds: [w.ada.id] } },
    );
    const others = await createClient(
      t.deps,
      w.practice.id,
      { firstName: 'Quentin', lastName: 'Elsewhere' },
      { clinicians: { primaryId: w.ben.id, otherIds: [] } },
    );
    await w.ada.agent.post(`/api/clients/${shared.id}/archive`);

    const list = async (agent: typeof w.ada.agent, query: string) =>
      (await agent.get(`/api/clients?${query}`)).json<ClientList>();
    const ids = (page: ClientList) => page.items.map((c) => c.id).sort();

    expect(await list(w.ada.agent, 'status=active')).toMatchObject({ total: 1, items: [{ id: mine.id }] });
    expect(await list(w.ada.agent, 'status=archived')).toMatchObject({ total: 1, items: [{ id: shared.id }] });
    expect(ids(await list(w.ada.agent, 'status=all'))).toEqual([mine.id, shared.id].sort());
    expect((await list(w.ada.agent, 'status=all')).total).toBe(2);
    // Searches, by a short prefix and by a longer word, find only Ada's.
    for (const q of ['q', 'quentin', 'qu el', 'elsewhere']) {
      const found = await list(w.ada.agent, `status=all&q=${encodeURIComponent(q)}`);
      expect(
        found.items.map((c) => c.id),
        q,
      ).not.toContain(others.id);
    }
    expect(ids(await list(w.ada.agent, 'status=all&q=quentin'))).toEqual([mine.id, shared.id].sort());
    expect((await list(w.ada.agent, 'status=all&q=elsewhere')).total).toBe(0);
    // Owners, billers and schedulers see every client.
    for (const agent of [w.owner.agent, w.biller.agent, w.scheduler.agent]) {
      expect((await list(agent, 'status=all&q=quentin')).total).toBe(3);
    }
    expect((await list(w.ben.agent, 'status=all')).total).toBe(2);

    // Messages: Ada's inbox holds no conversation of a client not hers.
    const { postMessage } = await import('../../../../test/helpers/messages.js');
    const { invite, latestPortalEmail, redeemLink } = await import('../../../../test/helpers/portal.js');
    for (const client of [mine, others]) {
      await invite(t.deps, w.owner.agent, client.id, client.emails[0]?.id ?? '');
      const { token } = await latestPortalEmail(t.deps, client.emails[0]?.address ?? '');
      const { agent } = await redeemLink(t.app, w.practice, token);
      if (!agent) throw new Error('no client session');
      const sent = await postMessage(agent, `/api/portal/${w.practice.slug}/messages`, { body: 'Hello' });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    const inbox = (await w.ada.agent.get('/api/conversations')).json<ConversationsPage>();
    expect(inbox.items.map((c) => c.clientId)).toEqual([mine.id]);
    expect((await w.ada.agent.get('/api/conversations/unread')).json()).toEqual({ unreadConversations: 1 });
    expect((await w.owner.agent.get('/api/conversations')).json<ConversationsPage>().items).toHaveLength(2);
    expect((await w.ada.agent.get(`/api/clients/${others.id}/messages`)).statusCode).toBe(404);
    expect((await w.ada.agent.get(`/api/clients/${others.id}/portal`)).statusCode).toBe(404);
  });

  it('lists the practice clinicians to choose from', async () => {
    const w = await team();
    const options = (await w.scheduler.agent.get('/api/clinicians')).json<{ id: string; name: string }[]>();
    expect(options.map((o) => o.id).sort()).toEqual([w.practice.owner.id, w.ada.id, w.ben.id].sort());
  });
});
