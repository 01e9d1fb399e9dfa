import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditFilterOptions, AuditPage } from '../../../shared/schemas/audit.js';
import { createAuditEntry } from '../../../../test/factories/audit.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { audit } from '../../platform/audit.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** RFC 4180 cells: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function page(agent: Agent, query = ''): Promise<AuditPage> {
  const response = await agent.get(`/api/audit${query ? `?${query}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AuditPage>();
}

function fieldsOf(response: LightMyRequestResponse): string[] {
  return response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
}

/** A practice (in New York) with two clients, a clinician, and rows of each kind on two days. */
async function world() {
  const practice = await createPractice(t.deps, { timeZone: 'America/New_York' });
  const other = await createPractice(t.deps);
  const clinician = await createStaff(t.deps, practice.id, { name: 'Robin Clinician' });
  const ada = await createClient(t.deps, practice.id, { firstName: 'Ada', lastName: 'Lovelace' });
  const grace = await createClient(t.deps, practice.id, { firstName: 'Grace', lastName: 'Hopper' });
  const stranger = await createClient(t.deps, other.id, { firstName: 'Other', lastName: 'Practice' });
  // Leave only the rows written below (creating clients audits too).
  await t.deps.db.deleteFrom('audit_log').execute();

  const staff = (id: string) => ({ kind: 'staff-id' as const, staffId: id });
  // 9 March 23:00 in New York is 10 March in UTC: it belongs to the 9th.
  await createAuditEntry(t.deps, practice.id, {
    action: 'staff.signed_in',
    actor: staff(clinician.id),
    at: '2026-03-10T03:00:00.000Z',
    ip: '203.0.113.9',
  });
  await createAuditEntry(t.deps, practice.id, {
    action: 'client.viewed',
    actor: staff(clinician.id),
    clientId: ada.id,
    at: '2026-03-10T15:00:00.000Z',
  });
  await createAuditEntry(t.deps, practice.id, {
    action: 'portal.signed_in',
    actor: { kind: 'client-id', clientId: grace.id },
    clientId: grace.id,
    at: '2026-03-11T14:00:00.000Z',
  });
  await createAuditEntry(t.deps, practice.id, {
    action: 'client.updated',
    actor: staff(practice.owner.id),
    clientId: grace.id,
    at: '2026-03-11T16:00:00.000Z',
  });
  await createAuditEntry(t.deps, practice.id, {
    action: 'message.sent',
    actor: staff(practice.owner.id),
    clientId: ada.id,
    at: '2026-03-12T03:30:00.000Z',
  });
  // The other practice's rows, one even naming this practice's client.
  await createAuditEntry(t.deps, other.id, {
    action: 'client.viewed',
    actor: staff(other.owner.id),
    clientId: stranger.id,
    at: '2026-03-10T15:00:00.000Z',
  });
  await createAuditEntry(t.deps, other.id, {
    action: 'client.updated',
    clientId: ada.id,
    at: '2026-03-10T16:00:00.000Z',
  });
  const owner = await signInAs(t.app, practice.owner.email);
  // Signing in wrote a row at the clock's time (12 March): leave only the rows above.
  await t.deps.db
    .deleteFrom('audit_log')
    .where('action', '=', 'staff.signed_in')
    .where('actor_id', '=', practice.owner.id)
    .execute();
  return { practice, other, clinician, ada, grace, stranger, owner };
}

describe('audit log', () => {
  it('pages through entries that share a timestamp without skipping any', async () => {
    const practice = await createPractice(t.deps);
    // The test clock stands still: every entry below has the same time.
    for (let i = 0; i < 7; i += 1) {
      await audit(t.deps.db, t.deps.clock, { kind: 'system' }, null, { action: `test.${i}`, practiceId: practice.id });
    }
    const owner = await signInAs(t.app, practice.owner.email);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const url: string = `limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const result = await page(owner, url);
      seen.push(...result.items.map((item) => item.id));
      before = result.nextBefore;
    } while (before);
    const all = await t.deps.db.selectFrom('audit_log').select('id').where('practice_id', '=', practice.id).execute();
    expect(new Set(seen).size).toBe(all.length);
    expect(seen).toHaveLength(all.length);
  });

  it('is for owners only: the log, its filters and its export', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id);
    const agent = await signInAs(t.app, clinician.email);
    for (const url of ['/api/audit', '/api/audit/filters', '/api/audit/export']) {
      expect((await agent.get(url)).statusCode, url).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/audit/export' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('names the client each row concerns and whoever acted, staff member or client', async () => {
    const { practice, clinician, ada, grace, owner } = await world();
    const { items } = await page(owner);
    expect(items.map((e) => [e.action, e.kind, e.actorType, e.actorName, e.clientId, e.clientName])).toEqual([
      ['message.sent', 'messages', 'staff', practice.owner.name, ada.id, 'Ada Lovelace'],
      ['client.updated', 'client_records', 'staff', practice.owner.name, grace.id, 'Grace Hopper'],
      ['portal.signed_in', 'sign_in', 'client', 'Grace Hopper', grace.id, 'Grace Hopper'],
      ['client.viewed', 'client_records', 'staff', 'Robin Clinician', ada.id, 'Ada Lovelace'],
      ['staff.signed_in', 'sign_in', 'staff', 'Robin Clinician', null, null],
    ]);
    expect(items.at(-1)?.actorId).toBe(clinician.id);
    expect(items.at(-1)?.ip).toBe('203.0.113.9');
  });

  it('filters by client, staff member, kind and days in the practice time zone, each alone and together', async () => {
    const { clinician, ada, grace, owner, practice } = await world();
    const actions = async (query: string) => (await page(owner, query)).items.map((e) => e.action);

    expect(await actions(`clientId=${ada.id}`)).toEqual(['message.sent', 'client.viewed']);
    expect(await actions(`clientId=${grace.id}`)).toEqual(['client.updated', 'portal.signed_in']);
    expect(await actions(`staffId=${clinician.id}`)).toEqual(['client.viewed', 'staff.signed_in']);
    expect(await actions(`staffId=${practice.owner.id}`)).toEqual(['message.sent', 'client.updated']);
    expect(await actions('kind=sign_in')).toEqual(['portal.signed_in', 'staff.signed_in']);
    expect(await actions('kind=client_records')).toEqual(['client.updated', 'client.viewed']);
    expect(await actions('kind=settings')).toEqual([]);
    // New York days: 03:00Z on the 10th is still the 9th; 03:30Z on the 12th is still the 11th.
    expect(await actions('from=2026-03-09&to=2026-03-09')).toEqual(['staff.signed_in']);
    expect(await actions('from=2026-03-10&to=2026-03-10')).toEqual(['client.viewed']);
    expect(await actions('from=2026-03-11')).toEqual(['message.sent', 'client.updated', 'portal.signed_in']);
    expect(await actions('to=2026-03-10')).toEqual(['client.viewed', 'staff.signed_in']);
    expect(await actions(`clientId=${grace.id}&kind=client_records&from=2026-03-11&to=2026-03-11`)).toEqual([
      'client.updated',
    ]);
    expect(await actions(`staffId=${clinician.id}&kind=messages`)).toEqual([]);

    // Filters page like the whole log.
    const first = await page(owner, 'kind=client_records&limit=1');
    expect(first.items.map((e) => e.action)).toEqual(['client.updated']);
    const second = await page(
      owner,
      `kind=client_records&limit=1&before=${encodeURIComponent(first.nextBefore ?? '')}`,
    );
    expect(second.items.map((e) => e.action)).toEqual(['client.viewed']);
    expect(second.nextBefore).toBeNull();
  });

  it("never shows another practice's rows, even filtered on their client or staff member", async () => {
    const { other, stranger, owner, ada } = await world();
    expect((await page(owner, `clientId=${stranger.id}`)).items).toEqual([]);
    expect((await page(owner, `staffId=${other.owner.id}`)).items).toEqual([]);
    expect((await page(owner, `clientId=${ada.id}`)).items.map((e) => e.action)).toEqual([
      'message.sent',
      'client.viewed',
    ]);
    expect((await owner.get(`/api/audit/filters?clientId=${stranger.id}`)).statusCode).toBe(404);
    expect((await owner.get(`/api/audit/export?clientId=${stranger.id}`)).statusCode).toBe(404);
    const all = parseCsv((await owner.get('/api/audit/export')).body);
    expect(all.flat().join(' ')).not.toContain('Other Practice');
  });

  it('refuses filters it cannot read, naming the field', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const cases: [string, string][] = [
      ['kind=everything', 'kind'],
      ['clientId=42', 'clientId'],
      ['staffId=someone', 'staffId'],
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-03-10&to=2026-03-09', 'to'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      for (const path of ['/api/audit', '/api/audit/export']) {
        const response = await owner.get(`${path}?${query}`);
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expect(fieldsOf(response), `${path}?${query}`).toContain(field);
      }
    }
    expect(fieldsOf(await owner.get('/api/audit/filters?clientId=nope'))).toEqual(['clientId']);
  });

  it('offers the practice staff and the filtered client by name', async () => {
    const { practice, clinician, ada, owner } = await world();
    const options = (await owner.get(`/api/audit/filters?clientId=${ada.id}`)).json<AuditFilterOptions>();
    expect(options.client).toEqual({ id: ada.id, name: 'Ada Lovelace' });
    expect(options.staff.map((s) => s.id).sort()).toEqual([practice.owner.id, clinician.id].sort());
    expect(options.staff.find((s) => s.id === clinician.id)?.name).toBe('Robin Clinician');
  });
});

describe('audit log CSV export', () => {
  it('exports every selected row, on every page, with names and times in the practice time zone', async () => {
    const { ada, practice } = await world();
    for (let i = 0; i < 620; i += 1) {
      await createAuditEntry(t.deps, practice.id, {
        action: 'client.viewed',
        actor: { kind: 'staff-id', staffId: practice.owner.id },
        clientId: ada.id,
        at: new Date(Date.parse('2026-03-13T12:00:00.000Z') + i * 1000).toISOString(),
      });
    }
    t.deps.clock.set(new Date('2026-03-14T03:30:00.000Z'));
    const owner = await signInAs(t.app, practice.owner.email);
    const response = await owner.get(`/api/audit/export?clientId=${ada.id}&kind=client_records`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    // The file is named by the practice's day (13 March in New York, already the 14th in UTC).
    expect(response.headers['content-disposition']).toContain('filename="audit-log-2026-03-13.csv"');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(response.body.slice(1));
    expect(rows[0]).toEqual([
      'Time (America/New_York)',
      'Time (UTC)',
      'Who',
      'Who is',
      'Action',
      'Kind',
      'Client',
      'Client ID',
      'IP address',
      'Details',
    ]);
    expect(rows).toHaveLength(1 + 620 + 1);
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(621);
    expect(rows[1]).toEqual([
      '2026-03-13 08:10:19',
      '2026-03-13T12:10:19.000Z',
      practice.owner.name,
      'Staff member',
      'Viewed client',
      'Client records',
      'Ada Lovelace',
      ada.id,
      '',
      '',
    ]);
    expect(rows.at(-1)?.slice(0, 5)).toEqual([
      '2026-03-10 11:00:00',
      '2026-03-10T15:00:00.000Z',
      'Robin Clinician',
      'Staff member',
      'Viewed client',
    ]);
  });

  it('quotes every cell and keeps names that look like formulas as text', async () => {
    const practice = await createPractice(t.deps);
    const tricky = await createClient(t.deps, practice.id, { firstName: '=HYPERLINK("x")', lastName: 'Smith, "Jr"' });
    const plus = await createClient(t.deps, practice.id, { firstName: '+1', lastName: 'Two' });
    const at = await createClient(t.deps, practice.id, { firstName: '@SUM(A1)', lastName: 'Three' });
    const minus = await createClient(t.deps, practice.id, { firstName: '-5', lastName: 'Four' });
    const owner = await signInAs(t.app, practice.owner.email);
    const body = (await owner.get('/api/audit/export?kind=client_records')).body;
    expect(body).toContain('"\'=HYPERLINK(""x"") Smith, ""Jr"""');
    const names = parseCsv(body.slice(1))
      .slice(1)
      .map((r) => r[6]);
    expect(names).toEqual(
      expect.arrayContaining(['\'=HYPERLINK("x") Smith, "Jr"', "'+1 Two", "'@SUM(A1) Three", "'-5 Four"]),
    );
    for (const client of [tricky, plus, at, minus]) expect(body).toContain(client.id);
    // Every line is quoted cells separated by commas, ending CRLF.
    for (const line of body.slice(1).split('\r\n').filter(Boolean))
      expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
  });

  it('is audited: who exported, with which filters and how many rows', async () => {
    const { ada, owner, practice } = await world();
    const response = await owner.get(
      `/api/audit/export?clientId=${ada.id}&kind=messages&from=2026-03-01&to=2026-03-31`,
    );
    expect(response.statusCode).toBe(200);
    const row = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('practice_id', '=', practice.id)
      .where('action', '=', 'audit.exported')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_type: 'staff',
      actor_id: practice.owner.id,
      client_id: ada.id,
      kind: 'audit_log',
    });
    expect(JSON.parse(row.details ?? 'null')).toEqual({
      clientId: ada.id,
      staffId: null,
      kind: 'messages',
      from: '2026-03-01',
      to: '2026-03-31',
      rows: 1,
    });
    const { items } = await page(owner, 'kind=audit_log');
    expect(items.map((e) => [e.action, e.actorName, e.clientName])).toEqual([
      ['audit.exported', practice.owner.name, 'Ada Lovelace'],
    ]);
    // A file holds the log as it was asked for: the earlier export, never its own row.
    const exports = parseCsv((await owner.get('/api/audit/export?kind=audit_log')).body.slice(1)).slice(1);
    expect(exports.map((r) => [r[4], r[7]])).toEqual([['Exported the audit log', ada.id]]);
    expect((await page(owner, 'kind=audit_log')).items).toHaveLength(2);
  });
});
