import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientSearchCountLimit, type ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, factoryPassword } from '../../../../test/factories/practices.js';
import { seedDatabase } from '../../../../seed/seed-database.js';
import { clientSearchWords } from './clients.search.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let agent: Agent;
let practiceId: string;
beforeEach(async () => {
  t = await buildTestApp();
  const practice = await createPractice(t.deps);
  practiceId = practice.id;
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

const email = (address: string, isPrimary = true) => ({ address, type: 'home' as const, emailOk: true, isPrimary });

describe('client list', () => {
  it('searches the start of any word of the names, preferred name and every email, case-insensitively', async () => {
    const ada = await createClient(t.deps, practiceId, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      preferredName: 'Countess',
      emails: [email('ada@example.test'), email('analytical@engine.test', false)],
    });
    await createClient(t.deps, practiceId, {
      firstName: 'Grace',
      lastName: 'Hopper',
      emails: [email('grace@navy.test')],
    });

    for (const q of [
      'ada',
      'ADA',
      'LoveL',
      'countESS',
      'ENGINE.test',
      'engine',
      'analytical@eng',
      'lovelace ada',
      ' ada  lov ',
    ]) {
      const result = await list(`?q=${encodeURIComponent(q)}`);
      expect(
        result.items.map((c) => c.id),
        q,
      ).toEqual([ada.id]);
    }
    const sofia = await createClient(t.deps, practiceId, { firstName: 'Sofía', lastName: 'Ramírez', emails: [] });
    for (const q of ['ramirez', 'Ramír', 'sofia ramírez']) {
      expect(
        (await list(`?q=${encodeURIComponent(q)}`)).items.map((c) => c.id),
        q,
      ).toEqual([sofia.id]);
    }
    // A word is matched from its start (docs/decisions/006), not in its middle.
    expect((await list('?q=velace')).total).toBe(0);
    expect((await list('?q=nobody')).total).toBe(0);
    expect((await list('?q=')).total).toBe(3);
    const [item] = (await list('?q=ada')).items;
    expect(item).toEqual({
      id: ada.id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      preferredName: 'Countess',
      primaryEmail: 'ada@example.test',
      phone: ada.phone,
      portalState: 'not_invited',
      archivedAt: null,
      createdAt: ada.createdAt,
    });
  });

  it('treats % and _ and \\ in the search as plain characters', async () => {
    const percent = await createClient(t.deps, practiceId, { firstName: 'Fifty%', lastName: 'Off' });
    const underscore = await createClient(t.deps, practiceId, { firstName: 'Snake_Case', lastName: 'Smith' });
    const slash = await createClient(t.deps, practiceId, { firstName: 'Back\\Slash', lastName: 'Jones' });
    await createClient(t.deps, practiceId, { firstName: 'Fiftyx', lastName: 'Snakexcase' });

    expect((await list(`?q=${encodeURIComponent('fifty%')}`)).items.map((c) => c.id)).toEqual([percent.id]);
    expect((await list(`?q=${encodeURIComponent('snake_c')}`)).items.map((c) => c.id)).toEqual([underscore.id]);
    expect((await list(`?q=${encodeURIComponent('back\\s')}`)).items.map((c) => c.id)).toEqual([slash.id]);
    expect((await list(`?q=${encodeURIComponent('%')}`)).total).toBe(0);
  });

  it('sorts by name and creation time, pages with a total, and shows clients without email', async () => {
    const names = ['Chen', 'Alvarez', 'Dubois', 'Brown', 'Evans'];
    const created = [];
    for (const lastName of names) {
      created.push(
        await createClient(t.deps, practiceId, {
          firstName: 'Sam',
          lastName,
          emails: lastName === 'Brown' ? [] : undefined,
        }),
      );
      t.deps.clock.advanceMinutes(1);
    }
    const byName = await list('?sort=name&pageSize=2');
    expect(byName).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(byName.items.map((c) => c.lastName)).toEqual(['Alvarez', 'Brown']);
    expect(byName.items[1]?.primaryEmail).toBeNull();
    expect((await list('?sort=name&pageSize=2&page=3')).items.map((c) => c.lastName)).toEqual(['Evans']);
    expect((await list('?sort=name&pageSize=2&page=4')).items).toEqual([]);
    expect((await list('?sort=-name')).items.map((c) => c.lastName)).toEqual([
      'Evans',
      'Dubois',
      'Chen',
      'Brown',
      'Alvarez',
    ]);
    expect((await list('?sort=created')).items.map((c) => c.lastName)).toEqual(names);
    expect((await list('?sort=-created')).items.map((c) => c.lastName)).toEqual([...names].reverse());
  });

  it('filters by status', async () => {
    const active = await createClient(t.deps, practiceId);
    const archived = await createClient(t.deps, practiceId);
    await agent.post(`/api/clients/${archived.id}/archive`);
    expect((await list('')).items.map((c) => c.id)).toEqual([active.id]);
    expect((await list('?status=archived')).items.map((c) => c.id)).toEqual([archived.id]);
    expect((await list('?status=all')).total).toBe(2);
  });

  it('keeps the totals in step as clients are created, archived and restored, per practice', async () => {
    const other = await createPractice(t.deps);
    await createClient(t.deps, other.id);
    const clients = [];
    for (let i = 0; i < 4; i++) clients.push(await createClient(t.deps, practiceId));
    const [first, second] = clients;
    if (!first || !second) throw new Error('no clients');
    const totals = async () => [
      (await list('')).total,
      (await list('?status=archived')).total,
      (await list('?status=all')).total,
    ];
    expect(await totals()).toEqual([4, 0, 4]);
    await agent.post(`/api/clients/${first.id}/archive`);
    await agent.post(`/api/clients/${first.id}/archive`);
    await agent.post(`/api/clients/${second.id}/archive`);
    expect(await totals()).toEqual([2, 2, 4]);
    await agent.post(`/api/clients/${second.id}/restore`);
    await agent.post(`/api/clients/${second.id}/restore`);
    expect(await totals()).toEqual([3, 1, 4]);
    // The kept counts agree with counting the rows, and the other practice's client is not in them.
    const counted = await t.deps.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('archived_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(3);
    expect((await list('?status=all&pageSize=100')).items).toHaveLength(4);
  });

  it('matches every term of a search in any order, whichever term is rarer', async () => {
    // Emails of their own: the factory's default address ends in random hex, which may start with "a".
    const ada = await createClient(t.deps, practiceId, {
      firstName: 'Ada',
      lastName: 'Smith',
      emails: [email('ada.smith@example.test')],
    });
    await createClient(t.deps, practiceId, {
      firstName: 'Adam',
      lastName: 'Jones',
      emails: [email('adam.jones@example.test')],
    });
    await createClient(t.deps, practiceId, {
      firstName: 'Bea',
      lastName: 'Smith',
      emails: [email('bea.smith@example.test')],
    });
    const archived = await createClient(t.deps, practiceId, {
      firstName: 'Ada',
      lastName: 'Smithson',
      emails: [email('ada.smithson@example.test')],
    });
    await agent.post(`/api/clients/${archived.id}/archive`);
    for (const q of ['smith ada', 'ada smith', 'a smith', 'smith a', 'sm ad', 'ada s']) {
      const result = await list(`?q=${encodeURIComponent(q)}`);
      expect({ q, ids: result.items.map((c) => c.id), total: result.total }).toEqual({ q, ids: [ada.id], total: 1 });
    }
    expect((await list(`?q=${encodeURIComponent('ada smith')}&status=all`)).items.map((c) => c.lastName)).toEqual([
      'Smith',
      'Smithson',
    ]);
    expect((await list(`?q=${encodeURIComponent('ada smith')}&status=archived`)).items.map((c) => c.id)).toEqual([
      archived.id,
    ]);
    expect((await list(`?q=${encodeURIComponent('smith zed')}`)).total).toBe(0);
  });

  it('names invalid query parameters', async () => {
    const response = await agent.get(`/api/clients?sort=age&pageSize=1000&q=${'x'.repeat(101)}`);
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['sort', 'pageSize', 'q']));
  });

  it('does not write an audit row for listing', async () => {
    await createClient(t.deps, practiceId);
    await list('');
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('practice_id', '=', practiceId)
      .execute();
    expect(rows.map((r) => r.action)).not.toContain('client.viewed');
  });

  describe('a broad search', () => {
    // 1,200 generated clients: every one has an email at an example domain, so "example" matches all.
    let seeded: Agent;
    let practice: string;
    beforeEach(async () => {
      const result = await seedDatabase(t.deps.db, t.deps.dialect, {
        practices: 1,
        clientsPerPractice: 1200,
        password: factoryPassword,
      });
      const [first] = result.practices;
      if (!first) throw new Error('no practice seeded');
      practice = first.id;
      seeded = await signInAs(t.app, first.owner.email);
    });

    async function page(query: string): Promise<ClientList> {
      const response = await seeded.get(`/api/clients${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<ClientList>();
    }

    it('stops counting at the limit and still pages in the order asked for', async () => {
      expect(clientSearchCountLimit).toBe(1000);
      for (const sort of ['name', '-name', 'created', '-created']) {
        // Every client matches, so each page equals the unfiltered list's page in the same order.
        for (const [number, size] of [
          [1, 25],
          [7, 25],
          [11, 100],
          [12, 100],
        ] as const) {
          const query = `sort=${sort}&status=all&page=${number}&pageSize=${size}`;
          const searched = await page(`?q=example&${query}`);
          const listed = await page(`?${query}`);
          expect(listed).toMatchObject({ total: 1200, totalCapped: false });
          expect(searched, query).toMatchObject({
            total: clientSearchCountLimit,
            totalCapped: true,
            page: number,
            pageSize: size,
          });
          expect(
            searched.items.map((c) => c.id),
            query,
          ).toEqual(listed.items.map((c) => c.id));
        }
      }
    });

    it('counts exactly below the limit, and every match appears once across the pages', async () => {
      const clients = await t.deps.db
        .selectFrom('clients')
        .select(['id', 'search_text', 'archived_at'])
        .where('practice_id', '=', practice)
        .execute();
      // One-letter and two-term searches, above and below the limit: clients match through several
      // words (names, email pieces, domains), which must fold into one row each.
      for (const q of ['e', 'm', 'j', 'mar', 'a s', 'example m']) {
        const terms = q.split(' ');
        const expected = clients.filter(
          (c) =>
            c.archived_at === null &&
            terms.every((term) => clientSearchWords(c.search_text).some((word) => word.startsWith(term))),
        );
        const first = await page(`?q=${encodeURIComponent(q)}&pageSize=100`);
        const capped = expected.length > clientSearchCountLimit;
        expect(first, q).toMatchObject({
          total: capped ? clientSearchCountLimit : expected.length,
          totalCapped: capped,
        });
        const ids: string[] = [];
        for (let number = 1; ids.length < expected.length; number++) {
          const next = await page(`?q=${encodeURIComponent(q)}&pageSize=100&page=${number}`);
          expect(next.items.length, q).toBeGreaterThan(0);
          ids.push(...next.items.map((c) => c.id));
        }
        expect(new Set(ids).size, q).toBe(ids.length);
        expect(new Set(ids), q).toEqual(new Set(expected.map((c) => c.id)));
      }
    });
  });
});

describe('client list: Client Portal state', () => {
  it('gives each listed client its portal state, in the plain list and in a search', async () => {
    const { createPortalAccess } = await import('../../../../test/factories/portal.js');
    const names = ['Nadia', 'Ines', 'Amara', 'Dora'];
    const [nadia, ines, amara, dora] = await Promise.all(
      names.map((firstName, i) =>
        createClient(t.deps, practiceId, {
          firstName,
          lastName: `Portal${i}`,
          emails: [email(`${firstName.toLowerCase()}@example.test`)],
        }),
      ),
    );
    if (!nadia || !ines || !amara || !dora) throw new Error('clients not created');
    await createPortalAccess(t.deps, practiceId, ines.id, { state: 'invited' });
    await createPortalAccess(t.deps, practiceId, amara.id, { state: 'active' });
    await createPortalAccess(t.deps, practiceId, dora.id, { state: 'disabled' });
    const expected = {
      [nadia.id]: 'not_invited',
      [ines.id]: 'invited',
      [amara.id]: 'active',
      [dora.id]: 'disabled',
    };
    for (const query of ['', '?q=portal', '?q=p', '?sort=-created']) {
      const { items } = await list(query);
      expect(Object.fromEntries(items.map((item) => [item.id, item.portalState])), query).toEqual(expected);
    }
  });
});
