import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client, ClientInput } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function signedInPractice() {
  const practice = await createPractice(t.deps);
  return { practice, agent: await signInAs(t.app, practice.owner.email) };
}

async function auditRows(practiceId: string, action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['client_id', 'actor_type', 'actor_id', 'details'])
    .where('practice_id', '=', practiceId)
    .where('action', '=', action)
    .execute();
}

const input = (overrides: Partial<ClientInput> = {}): ClientInput => ({
  firstName: 'Amara',
  lastName: 'Okafor',
  preferredName: null,
  dateOfBirth: '1990-04-23',
  phone: null,
  emails: [{ address: 'amara@example.test', type: 'home', emailOk: true, isPrimary: true }],
  ...overrides,
});

describe('clients API', () => {
  it('requires a staff session on every clients route', async () => {
    const practice = await createPractice(t.deps);
    const client = await createClient(t.deps, practice.id);
    // Each with a body it accepts, so that the session is the only thing missing.
    const calls = [
      ['GET', '/api/clients', undefined],
      ['POST', '/api/clients', input()],
      ['GET', `/api/clients/${client.id}`, undefined],
      ['PUT', `/api/clients/${client.id}`, input()],
      ['POST', `/api/clients/${client.id}/archive`, {}],
      ['POST', `/api/clients/${client.id}/restore`, {}],
    ] as const;
    for (const [method, url, payload] of calls) {
      const response = await t.app.inject({ method, url, payload });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('creates a client with its emails in order and audits it', async () => {
    const { practice, agent } = await signedInPractice();
    const response = await agent.post('/api/clients', {
      ...input({ preferredName: '  Mara ', phone: '+44 20 7946 0018' }),
      emails: [
        { address: 'Work@Example.test', type: 'work', emailOk: false, isPrimary: false },
        { address: 'home@example.test', type: 'home', emailOk: true, isPrimary: true },
      ],
    });
    expect(response.statusCode).toBe(201);
    const client = response.json<Client>();
    expect(client).toMatchObject({
      firstName: 'Amara',
      preferredName: 'Mara',
      dateOfBirth: '1990-04-23',
      archivedAt: null,
      createdAt: '2026-03-02T15:00:00.000Z',
      emails: [
        { address: 'work@example.test', type: 'work', emailOk: false, isPrimary: false },
        { address: 'home@example.test', type: 'home', emailOk: true, isPrimary: true },
      ],
    });
    expect(Object.keys(client).sort()).toEqual([
      'archivedAt',
      'createdAt',
      'dateOfBirth',
      'emails',
      'firstName',
      'id',
      'lastName',
      'phone',
      'preferredName',
      'updatedAt',
    ]);
    const row = await t.deps.db.selectFrom('clients').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ practice_id: practice.id, sort_name: 'okafor amara' });
    expect(row.search_text).toContain('work@example.test');
    expect(await auditRows(practice.id, 'client.created')).toEqual([
      expect.objectContaining({ client_id: client.id, actor_type: 'staff', actor_id: practice.owner.id }),
    ]);
  });

  it('stores names with quotes, emoji, RTL text and HTML exactly', async () => {
    const { agent } = await signedInPractice();
    const names = {
      firstName: `Zoë "Zee" O'Brien 🌈`,
      lastName: 'مريم <script>alert(1)</script> &amp;',
      preferredName: 'שלום',
    };
    const created = (await agent.post('/api/clients', input(names))).json<Client>();
    expect(created).toMatchObject(names);
    const fetched = await agent.get(`/api/clients/${created.id}`);
    expect(fetched.json()).toMatchObject(names);
    const listed = await agent.get(`/api/clients?q=${encodeURIComponent('🌈')}`);
    expect(listed.json()).toMatchObject({ total: 1, items: [names] });
  });

  it('names invalid fields and writes nothing', async () => {
    const { practice, agent } = await signedInPractice();
    const response = await agent.post('/api/clients', {
      ...input({ firstName: ' ', dateOfBirth: '2999-01-01' }),
      emails: [
        { address: 'a@example.test', type: 'home', emailOk: true, isPrimary: true },
        { address: 'a@example.test', type: 'pager', emailOk: true, isPrimary: true },
      ],
      ssn: '123',
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'dateOfBirth', 'emails.1.type', 'ssn']));
    const count = await t.deps.db.selectFrom('clients').select('id').where('practice_id', '=', practice.id).execute();
    expect(count).toHaveLength(0);
  });

  it('audits every profile view, and answers unknown and foreign ids with the same 404', async () => {
    const { practice, agent } = await signedInPractice();
    const other = await createPractice(t.deps);
    const mine = await createClient(t.deps, practice.id);
    const foreign = await createClient(t.deps, other.id);

    expect((await agent.get(`/api/clients/${mine.id}`)).json()).toEqual(mine);
    await agent.get(`/api/clients/${mine.id}`);
    expect(await auditRows(practice.id, 'client.viewed')).toEqual([
      expect.objectContaining({ client_id: mine.id }),
      expect.objectContaining({ client_id: mine.id }),
    ]);

    const unknown = await agent.get('/api/clients/00000000-0000-4000-8000-000000000000');
    const foreignResponse = await agent.get(`/api/clients/${foreign.id}`);
    expect(unknown.statusCode).toBe(404);
    expect(foreignResponse.statusCode).toBe(404);
    expect(foreignResponse.body).toBe(unknown.body);
    expect(foreignResponse.body).toBe('{"error":{"code":"not_found","message":"Not found."}}');
    const views = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'client.viewed')
      .where('client_id', '=', foreign.id)
      .execute();
    expect(views).toHaveLength(0);
  });
});

describe('updating a client', () => {
  it('updates listed emails, inserts new ones, deletes missing ones and audits field names only', async () => {
    const { practice, agent } = await signedInPractice();
    const client = await createClient(t.deps, practice.id, {
      emails: [
        { address: 'keep@example.test', type: 'home', emailOk: true, isPrimary: true },
        { address: 'drop@example.test', type: 'work', emailOk: true, isPrimary: false },
      ],
    });
    const [keep, drop] = client.emails;
    t.deps.clock.advanceMinutes(5);
    const response = await agent.put(`/api/clients/${client.id}`, {
      ...input({
        firstName: 'Renamed',
        lastName: client.lastName,
        dateOfBirth: client.dateOfBirth,
        phone: client.phone,
      }),
      emails: [
        { address: 'new@example.test', type: 'other', emailOk: false, isPrimary: true },
        { id: keep?.id, address: 'kept@example.test', type: 'home', emailOk: false, isPrimary: false },
      ],
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json<Client>();
    expect(updated.firstName).toBe('Renamed');
    expect(updated.updatedAt).toBe('2026-03-02T15:05:00.000Z');
    expect(updated.emails).toEqual([
      { id: expect.any(String) as string, address: 'new@example.test', type: 'other', emailOk: false, isPrimary: true },
      { id: keep?.id, address: 'kept@example.test', type: 'home', emailOk: false, isPrimary: false },
    ]);
    const gone = await t.deps.db
      .selectFrom('client_emails')
      .select('id')
      .where('id', '=', drop?.id ?? '')
      .execute();
    expect(gone).toHaveLength(0);
    expect((await agent.get(`/api/clients/${client.id}`)).json()).toEqual(updated);

    const [row] = await auditRows(practice.id, 'client.updated');
    expect(JSON.parse(row?.details ?? '{}')).toEqual({ changed: 'firstName,emails' });
    expect(row?.details).not.toContain('Renamed');

    const search = await agent.get('/api/clients?q=kept@example');
    expect(search.json()).toMatchObject({ total: 1, items: [{ id: client.id, primaryEmail: 'new@example.test' }] });
    expect((await agent.get('/api/clients?q=drop@example')).json()).toMatchObject({ total: 0 });
  });

  it('rejects an email id that is not one of this client’s, naming the field, and changes nothing', async () => {
    const { practice, agent } = await signedInPractice();
    const client = await createClient(t.deps, practice.id);
    const neighbour = await createClient(t.deps, practice.id);
    const foreign = await createClient(t.deps, (await createPractice(t.deps)).id);
    for (const stranger of [neighbour, foreign]) {
      const response = await agent.put(`/api/clients/${client.id}`, {
        ...input({ firstName: 'Changed' }),
        emails: [
          { ...client.emails[0], isPrimary: true },
          { id: stranger.emails[0]?.id, address: 'stolen@example.test', type: 'home', emailOk: true, isPrimary: false },
        ],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'validation_failed', fields: [{ field: 'emails.1.id' }] },
      });
    }
    expect((await agent.get(`/api/clients/${client.id}`)).json()).toEqual(client);
    expect((await agent.get(`/api/clients/${neighbour.id}`)).json()).toEqual(neighbour);
    expect(await auditRows(practice.id, 'client.updated')).toHaveLength(0);
  });

  it('writes nothing when nothing changed', async () => {
    const { practice, agent } = await signedInPractice();
    const client = await createClient(t.deps, practice.id);
    t.deps.clock.advanceMinutes(5);
    const { id: _id, archivedAt: _a, createdAt: _c, updatedAt: _u, ...same } = client;
    const response = await agent.put(`/api/clients/${client.id}`, same);
    expect(response.json()).toEqual(client);
    expect(await auditRows(practice.id, 'client.updated')).toHaveLength(0);
  });
});

describe('archiving', () => {
  it('archives and restores idempotently, auditing each change once', async () => {
    const { practice, agent } = await signedInPractice();
    const client = await createClient(t.deps, practice.id);
    t.deps.clock.advanceMinutes(1);
    const archived = await agent.post(`/api/clients/${client.id}/archive`);
    expect(archived.json()).toMatchObject({ archivedAt: '2026-03-02T15:01:00.000Z' });
    t.deps.clock.advanceMinutes(1);
    expect((await agent.post(`/api/clients/${client.id}/archive`)).json()).toEqual(archived.json());
    expect(await auditRows(practice.id, 'client.archived')).toHaveLength(1);

    expect((await agent.get('/api/clients')).json()).toMatchObject({ total: 0 });
    expect((await agent.get('/api/clients?status=archived')).json()).toMatchObject({ total: 1 });

    expect((await agent.post(`/api/clients/${client.id}/restore`)).json()).toMatchObject({ archivedAt: null });
    expect((await agent.post(`/api/clients/${client.id}/restore`)).json()).toMatchObject({ archivedAt: null });
    expect(await auditRows(practice.id, 'client.restored')).toHaveLength(1);
    expect((await agent.get('/api/clients')).json()).toMatchObject({ total: 1 });
  });
});
