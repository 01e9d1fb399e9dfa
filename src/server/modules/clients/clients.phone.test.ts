import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client, ClientInput } from '../../../shared/schemas/clients.js';
import { formatPhone, phoneRegionForTimeZone } from '../../../shared/phone.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { systemScope } from '../../platform/request-context.js';
import { foldPhoneDigits, phoneSearchWords } from './clients.search.js';
import { keepSearchRows } from './clients.search-rows.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const input = (phone: string | null): ClientInput => ({
  firstName: 'Amara',
  lastName: 'Okafor',
  preferredName: null,
  dateOfBirth: '1990-04-23',
  phone,
  emails: [],
});

async function signedIn(timeZone: string) {
  const practice = await createPractice(t.deps, { timeZone });
  return { practice, agent: await signInAs(t.app, practice.owner.email) };
}

describe('client phone numbers', () => {
  it.each([
    ['America/New_York', '(617) 555-0142', '+16175550142', '(617) 555-0142'],
    ['America/New_York', '617.555.0142', '+16175550142', '(617) 555-0142'],
    ['America/New_York', '+44 20 7946 0958', '+442079460958', '+44 20 7946 0958'],
    ['Europe/London', '020 7946 0958', '+442079460958', '020 7946 0958'],
    ['Europe/London', '+1 617 555 0142', '+16175550142', '+1 617 555 0142'],
    ['Australia/Sydney', '(02) 9374 4000', '+61293744000', '(02) 9374 4000'],
  ])('in %s, %s is stored as %s and shown as %s', async (timeZone, typed, stored, shown) => {
    const { agent } = await signedIn(timeZone);
    const created = await agent.post('/api/clients', input(typed));
    expect(created.statusCode).toBe(201);
    const client = created.json<Client>();
    expect(client.phone).toBe(stored);
    const row = await t.deps.db.selectFrom('clients').select('phone').where('id', '=', client.id).executeTakeFirst();
    expect(row?.phone).toBe(stored);
    expect(formatPhone(client.phone ?? '', phoneRegionForTimeZone(timeZone))).toBe(shown);

    const updated = await agent.put(`/api/clients/${client.id}`, input(typed));
    expect(updated.statusCode).toBe(200);
    expect(updated.json<Client>().phone).toBe(stored);
  });

  it.each(['not a phone ☎', '555-0199', '+1 555 0100', '12345678901234567890'])(
    'refuses %s with a 400 naming phone, on create and update',
    async (typed) => {
      const { practice, agent } = await signedIn('America/New_York');
      const created = await agent.post('/api/clients', input(typed));
      expect(created.statusCode).toBe(400);
      expect(created.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)).toEqual([
        'phone',
      ]);

      const client = await createClient(t.deps, practice.id);
      const updated = await agent.put(`/api/clients/${client.id}`, input(typed));
      expect(updated.statusCode).toBe(400);
      expect(updated.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)).toEqual([
        'phone',
      ]);
    },
  );

  it('a number valid somewhere but not in the practice’s region, without its country code, names phone', async () => {
    const { agent } = await signedIn('America/New_York');
    const response = await agent.post('/api/clients', input('020 7946 0958'));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)).toEqual([
      'phone',
    ]);
  });

  it('a phone stored before numbers were checked still opens, shown as stored', async () => {
    const { practice, agent } = await signedIn('America/New_York');
    const client = await createClient(t.deps, practice.id);
    await t.deps.db.updateTable('clients').set({ phone: 'call the office ☎' }).where('id', '=', client.id).execute();
    const response = await agent.get(`/api/clients/${client.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json<Client>().phone).toBe('call the office ☎');
    expect(formatPhone('call the office ☎', 'US')).toBe('call the office ☎');
    const list = await agent.get('/api/clients');
    expect(list.statusCode).toBe(200);
  });

  it('the factory’s default phone is stored in E.164', async () => {
    const practice = await createPractice(t.deps);
    expect((await createClient(t.deps, practice.id)).phone).toBe('+16175550100');
  });
});

describe('client search by phone number', () => {
  it('a phone is found by the tails of its digits and its national form', () => {
    expect(phoneSearchWords('+16175550142')).toEqual([
      '16175550142',
      '6175550142',
      '175550142',
      '75550142',
      '5550142',
      '550142',
      '50142',
      '0142',
      '142',
      '42',
      '2',
    ]);
    expect(phoneSearchWords('+442079460958;ext=12')).toContain('02079460958');
    expect(phoneSearchWords('+442079460958;ext=12')).not.toContain('12');
    expect(phoneSearchWords('call the office ☎')).toEqual([]);
    expect(phoneSearchWords(null)).toEqual([]);
  });

  it('runs of number pieces typed in a search are one term of their digits', () => {
    expect(foldPhoneDigits(['(617)', '555-01'])).toEqual(['61755501']);
    expect(foldPhoneDigits(['+1', '617'])).toEqual(['1617']);
    expect(foldPhoneDigits(['okafor', '617', '555', 'a'])).toEqual(['okafor', '617555', 'a']);
    expect(foldPhoneDigits(['o-c', '-', 'x1'])).toEqual(['o-c', '-', 'x1']);
  });

  // A practice below 1,000 clients matches search documents; from 1,000 it reads search rows.
  it.each([
    ['documents', false],
    ['search rows', true],
  ])('finds a client by any part of the number, however it is typed (%s)', async (_, keepsRows) => {
    const { practice, agent } = await signedIn('Europe/London');
    if (keepsRows) await t.deps.db.transaction().execute((trx) => keepSearchRows(systemScope(trx, practice.id)));
    // No digits in the names or emails, so only the phone holds any.
    const client = (phone: string | null) => createClient(t.deps, practice.id, { ...input(phone), lastName: 'Eze' });
    const boston = await client('+1 (617) 555-0142');
    const london = await client('020 7946 0958');
    const none = await client(null);
    const search = async (q: string) => {
      const response = await agent.get(`/api/clients?status=all&q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      return response
        .json<ClientList>()
        .items.map((c) => c.id)
        .sort();
    };
    const both = [boston.id, london.id].sort();
    expect(await search('617 555')).toEqual([boston.id]);
    expect(await search('(617) 555-01')).toEqual([boston.id]);
    expect(await search('+1 617')).toEqual([boston.id]);
    expect(await search('+16175550142')).toEqual([boston.id]);
    expect(await search('5550142')).toEqual([boston.id]);
    expect(await search('555.0142')).toEqual([boston.id]);
    expect(await search('0142 amara')).toEqual([boston.id]);
    expect(await search('020 7946 0958')).toEqual([london.id]);
    expect(await search('+44 20 7946')).toEqual([london.id]);
    expect(await search('7946-0958')).toEqual([london.id]);
    expect(await search('(020) 79')).toEqual([london.id]);
    expect(await search('5')).toEqual(both);
    expect(await search('6175550143')).toEqual([]);
    expect(await search('0142 okafor')).toEqual([]);
    expect(await search('eze 0958')).toEqual([london.id]);
    expect(await search('amara')).toEqual([...both, none.id].sort());

    // A changed number is found by its new digits only.
    const changed = await agent.put(`/api/clients/${boston.id}`, { ...input('+1 857 555 0110'), lastName: 'Eze' });
    expect(changed.statusCode).toBe(200);
    expect(await search('617 555')).toEqual([]);
    expect(await search('(857) 555')).toEqual([boston.id]);
  });
});
