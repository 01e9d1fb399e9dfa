import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client, ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPortalAccess } from '../../../../test/factories/portal.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { invite, latestPortalEmail, redeemLink } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { FactoryPractice } from '../../../../test/factories/practices.js';
import { systemContext, systemScope } from '../../platform/request-context.js';
import { findAccess, saveAccess } from '../portal-access/index.js';
import { keepSearchRows, practiceSearchRows } from './clients.search-rows.js';

let t: TestApp;
let practice: FactoryPractice;
let agent: Agent;
beforeEach(async () => {
  t = await buildTestApp();
  practice = await createPractice(t.deps);
  agent = await signInAs(t.app, practice.owner.email);
});
afterEach(async () => {
  await t.close();
});

async function list(query: string): Promise<ClientList> {
  const response = await agent.get(`/api/clients${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ClientList>();
}

const email = (address: string) => ({ address, type: 'home' as const, emailOk: true, isPrimary: true });

/**
 * Every copy of each client's Client Portal state agrees with its access row (not_invited without
 * one): the client row's, every search word's and prefix row's (in a practice that keeps them; a
 * smaller one has none), and the practice's counts per state.
 */
async function expectCopiesInStep(practiceId: string): Promise<Record<string, string>> {
  const db = t.deps.db;
  const clients = await db
    .selectFrom('clients')
    .leftJoin('portal_access', 'portal_access.client_id', 'clients.id')
    .select(['clients.id', 'clients.portal_state', 'clients.archived_at', 'portal_access.state'])
    .where('clients.practice_id', '=', practiceId)
    .execute();
  const states = Object.fromEntries(clients.map((c) => [c.id, c.state ?? 'not_invited']));
  expect(Object.fromEntries(clients.map((c) => [c.id, c.portal_state]))).toEqual(states);
  const keepsSearchRows = (await practiceSearchRows(systemScope(db, practiceId))).kept;
  for (const table of ['client_search_words', 'client_search_prefixes'] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['client_id', 'portal_state'])
      .where('practice_id', '=', practiceId)
      .execute();
    if (keepsSearchRows) expect(rows.length, table).toBeGreaterThan(0);
    else expect(rows, table).toEqual([]);
    for (const row of rows)
      expect({ table, row }).toEqual({ table, row: { ...row, portal_state: states[row.client_id] } });
  }
  const counted: Record<string, { active: number; archived: number }> = {};
  for (const client of clients) {
    const count = (counted[client.portal_state] ??= { active: 0, archived: 0 });
    count[client.archived_at === null ? 'active' : 'archived'] += 1;
  }
  const kept = await db
    .selectFrom('practice_portal_state_counts')
    .select(['portal_state', 'active', 'archived'])
    .where('practice_id', '=', practiceId)
    .execute();
  const keptNonZero = Object.fromEntries(
    kept
      .filter((row) => row.active !== 0 || row.archived !== 0)
      .map((r) => [r.portal_state, { active: r.active, archived: r.archived }]),
  );
  expect(keptNonZero).toEqual(counted);
  return states;
}

/** Whether the practices of a test keep search rows, as from 1,000 clients, or search their clients' documents. */
let keepsRows = false;
async function asLarge(practiceId: string): Promise<void> {
  if (keepsRows) await t.deps.db.transaction().execute((trx) => keepSearchRows(systemScope(trx, practiceId)));
}

describe.each([
  ['a practice that keeps search rows', true],
  ['a practice that searches its clients’ documents', false],
])('client list: the Portal filter, %s', (_name, rows) => {
  beforeEach(async () => {
    keepsRows = rows;
    await asLarge(practice.id);
  });
  it('lists the clients in one portal state, with the status, a search, the sort and pages, and totals them', async () => {
    const people = [
      ['Nadia', 'Abbott', null],
      ['Ines', 'Baptiste', 'invited'],
      ['Amara', 'Cole', 'active'],
      ['Dora', 'Diaz', 'disabled'],
      ['Ivo', 'Evans', 'invited'],
      ['Ada', 'Fisher', 'active'],
      ['Ana', 'Garcia', 'active'],
    ] as const;
    const ids: Record<string, string> = {};
    for (const [firstName, lastName, state] of people) {
      const client = await createClient(t.deps, practice.id, {
        firstName,
        lastName,
        emails: [email(`${firstName.toLowerCase()}@example.test`)],
      });
      ids[firstName] = client.id;
      if (state) await createPortalAccess(t.deps, practice.id, client.id, { state });
      t.deps.clock.advanceMinutes(1);
    }
    // Ana leaves: archived, with her access as it was.
    await agent.post(`/api/clients/${ids.Ana}/archive`);
    const names = (result: ClientList) => result.items.map((c) => c.firstName);

    expect(names(await list('?portal=active'))).toEqual(['Amara', 'Ada']);
    expect(await list('?portal=active')).toMatchObject({ total: 2, totalCapped: false });
    expect(names(await list('?portal=active&status=all'))).toEqual(['Amara', 'Ada', 'Ana']);
    expect(names(await list('?portal=active&status=archived'))).toEqual(['Ana']);
    expect((await list('?portal=active&status=all')).total).toBe(3);
    expect(names(await list('?portal=invited'))).toEqual(['Ines', 'Ivo']);
    expect(names(await list('?portal=invited&sort=-name'))).toEqual(['Ivo', 'Ines']);
    expect(names(await list('?portal=invited&sort=-created'))).toEqual(['Ivo', 'Ines']);
    expect(names(await list('?portal=disabled'))).toEqual(['Dora']);
    expect(names(await list('?portal=not_invited'))).toEqual(['Nadia']);
    expect((await list('?portal=not_invited&status=archived')).total).toBe(0);
    // Pages of one.
    const first = await list('?portal=active&status=all&pageSize=1&page=2');
    expect(first).toMatchObject({ total: 3, page: 2 });
    expect(names(first)).toEqual(['Ada']);
    // With a search: short terms (prefix rows) and long ones (words), one term or two.
    expect(names(await list('?portal=active&q=a'))).toEqual(['Amara', 'Ada']);
    expect(names(await list('?portal=active&q=a&status=all'))).toEqual(['Amara', 'Ada', 'Ana']);
    expect(names(await list('?portal=invited&q=i'))).toEqual(['Ines', 'Ivo']);
    expect(names(await list('?portal=invited&q=ines'))).toEqual(['Ines']);
    expect(names(await list('?portal=active&q=ines'))).toEqual([]);
    expect(names(await list('?portal=active&q=fisher%20ada'))).toEqual(['Ada']);
    expect(names(await list('?portal=disabled&q=example.test'))).toEqual(['Dora']);
    expect((await list('?portal=active&q=example')).total).toBe(2);
    // Every state's list together is the whole list.
    const all = await list('?status=all&pageSize=100');
    const byState = await Promise.all(
      ['not_invited', 'invited', 'active', 'disabled'].map((state) => list(`?status=all&pageSize=100&portal=${state}`)),
    );
    expect(byState.flatMap((result) => result.items.map((c) => c.id)).sort()).toEqual(
      all.items.map((c) => c.id).sort(),
    );
    for (const [index, state] of ['not_invited', 'invited', 'active', 'disabled'].entries()) {
      expect(byState[index]?.items.every((c) => c.portalState === state)).toBe(true);
    }
  });

  it('names an unknown portal state', async () => {
    const response = await agent.get('/api/clients?portal=pending');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)).toEqual([
      'portal',
    ]);
  });

  it('keeps the list’s copies of the state in step with every change of access, in its transaction', async () => {
    const other = await createPractice(t.deps);
    await asLarge(other.id);
    await createClient(t.deps, other.id);
    const make = async (firstName: string) =>
      (
        await agent.post('/api/clients', {
          firstName,
          lastName: 'Writer',
          emails: [
            email(`${firstName.toLowerCase()}@example.test`),
            { ...email(`${firstName.toLowerCase()}@work.test`), isPrimary: false },
          ],
        })
      ).json<Client>();
    const state = async (id: string) => (await expectCopiesInStep(practice.id))[id];

    // Created with an invitation: invited in the creating transaction.
    const welcomed = (
      await agent.post('/api/clients', {
        firstName: 'Wendy',
        lastName: 'Writer',
        emails: [email('wendy@example.test')],
        portalInvitation: { message: 'Welcome.' },
      })
    ).json<Client>();
    expect(await state(welcomed.id)).toBe('invited');

    const ann = await make('Ann');
    expect(await state(ann.id)).toBe('not_invited');
    // Permissions saved before any invitation: an access row, still not invited.
    const permissions = { appointments: true, messaging: false, billing: false, pay: false };
    expect((await agent.put(`/api/clients/${ann.id}/portal/permissions`, permissions)).statusCode).toBe(200);
    expect(await state(ann.id)).toBe('not_invited');
    const [home, work] = ann.emails;
    if (!home || !work) throw new Error('no emails');
    // Invite, resend, move to another email.
    expect((await invite(t.deps, agent, ann.id, home.id)).statusCode).toBe(200);
    expect(await state(ann.id)).toBe('invited');
    expect((await invite(t.deps, agent, ann.id, home.id)).statusCode).toBe(200);
    expect((await invite(t.deps, agent, ann.id, work.id)).statusCode).toBe(200);
    expect(await state(ann.id)).toBe('invited');
    // Signing in with the link: active.
    const { token } = await latestPortalEmail(t.deps, work.address);
    expect((await redeemLink(t.app, practice, token)).response.statusCode).toBe(200);
    expect(await state(ann.id)).toBe('active');
    // Archived and restored while active: the counts move between active and archived in that state.
    await agent.post(`/api/clients/${ann.id}/archive`);
    expect(await state(ann.id)).toBe('active');
    expect(await list('?portal=active&status=archived')).toMatchObject({ total: 1 });
    await agent.post(`/api/clients/${ann.id}/restore`);
    expect(await state(ann.id)).toBe('active');
    // The practice's switch leaves each client's own access as it is.
    const settings = (await agent.get('/api/settings/portal')).json<{ defaults: unknown; welcomeMessage: string }>();
    const turn = (enabled: boolean) =>
      agent.put('/api/settings/portal', {
        enabled,
        defaults: settings.defaults,
        welcomeMessage: settings.welcomeMessage,
      });
    expect((await turn(false)).statusCode).toBe(200);
    expect(await state(ann.id)).toBe('active');
    expect((await turn(true)).statusCode).toBe(200);
    // Disable access; Send email restores it as an invitation.
    expect((await agent.post(`/api/clients/${ann.id}/portal/disable`, {})).statusCode).toBe(200);
    expect(await state(ann.id)).toBe('disabled');
    expect((await invite(t.deps, agent, ann.id, home.id)).statusCode).toBe(200);
    expect(await state(ann.id)).toBe('invited');

    // The invitation's 6-digit code signs in too.
    const bo = await make('Bo');
    const boEmail = bo.emails[0];
    if (!boEmail) throw new Error('no email');
    await invite(t.deps, agent, bo.id, boEmail.id);
    const { code } = await latestPortalEmail(t.deps, boEmail.address);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: `/api/portal/${practice.slug}/sign-in/code`,
      payload: { email: boEmail.address, code },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(await state(bo.id)).toBe('active');

    // The portal email's address changed in Client Info: disabled; with "Yes, Disable and Resend": invited.
    const editable = ({ firstName, lastName, preferredName, dateOfBirth, phone }: Client) => ({
      firstName,
      lastName,
      preferredName,
      dateOfBirth,
      phone,
    });
    const changed = await agent.put(`/api/clients/${bo.id}`, {
      ...editable(bo),
      emails: [{ ...email('bo.new@example.test'), id: boEmail.id }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await state(bo.id)).toBe('disabled');
    const carl = await make('Carl');
    const carlEmail = carl.emails[0];
    if (!carlEmail) throw new Error('no email');
    await invite(t.deps, agent, carl.id, carlEmail.id);
    const moved = await agent.put(`/api/clients/${carl.id}`, {
      ...editable(carl),
      emails: [{ ...email('carl.new@example.test'), id: carlEmail.id }],
      resendPortalInvitation: { to: 'carl.new@example.test', message: 'Your new address.' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await state(carl.id)).toBe('invited');
    // Renaming a client rewrites its search rows: they keep the state.
    const renamed = await agent.put(`/api/clients/${carl.id}`, {
      ...editable(carl),
      lastName: 'Scribe',
      emails: [{ ...email('carl.new@example.test'), id: carlEmail.id }],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await state(carl.id)).toBe('invited');
    expect((await list('?portal=invited&q=scribe')).items.map((c) => c.id)).toEqual([carl.id]);

    // "Disable and resend" from the Client Portal tab.
    const resent = await agent.post(`/api/clients/${ann.id}/portal/disable-and-resend`, {
      emailId: work.id,
      message: 'Again.',
    });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(await state(ann.id)).toBe('invited');
    await expectCopiesInStep(other.id);
  });

  it('takes the copies back with the access change when its transaction fails', async () => {
    const client = await createClient(t.deps, practice.id, { emails: [email('solo@example.test')] });
    await createPortalAccess(t.deps, practice.id, client.id, { state: 'invited' });
    const ctx = systemContext(t.deps, practice.id);
    const access = await findAccess(ctx, client.id);
    if (!access) throw new Error('no access');
    await expect(
      ctx.inTransaction(async (tx) => {
        await saveAccess(tx, { ...access, state: 'active' });
        throw new Error('something after it failed');
      }),
    ).rejects.toThrow('something after it failed');
    expect((await expectCopiesInStep(practice.id))[client.id]).toBe('invited');
  });
});
