import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../../test/factories/practices.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import type { Kysely } from 'kysely';
import type { Db } from '../database.js';
import type { ClientsTable } from '../schema.js';
import { migrateTo } from '../migrate.js';
import type { PortalAccessTable, PortalState } from '../schema.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

// Everything below is written as rows, as code from before the fix left them, not through services.
const before = '2026-01-10T09:00:00.000Z';
const long = '2026-01-05T09:00:00.000Z';

/** The clients table as it was before migration 019 gave it a portal state. */
const clientsBefore019 = (db: Db) =>
  db as unknown as Kysely<{ clients: Omit<ClientsTable, 'portal_state' | 'search_document'> }>;

function clientRow(id: string, practiceId: string) {
  return {
    id,
    practice_id: practiceId,
    first_name: 'Test',
    last_name: id,
    preferred_name: null,
    date_of_birth: null,
    phone: null,
    search_text: `test ${id}`,
    sort_name: `${id} test`,
    archived_at: null,
    created_at: before,
    updated_at: before,
  };
}

function emailRow(clientId: string, practiceId: string, address: string, position: number) {
  return {
    id: randomUUID(),
    client_id: clientId,
    practice_id: practiceId,
    address,
    type: 'home' as const,
    email_ok: 1 as const,
    is_primary: position === 0 ? (1 as const) : (0 as const),
    position,
  };
}

async function insertClient(db: Db, practiceId: string, addresses: string[]) {
  const id = randomUUID();
  await clientsBefore019(db).insertInto('clients').values(clientRow(id, practiceId)).execute();
  const emails = addresses.map((address, position) => emailRow(id, practiceId, address, position));
  if (emails.length > 0) await db.insertInto('client_emails').values(emails).execute();
  return { id, practiceId, emails };
}

interface TestClient {
  id: string;
  practiceId: string;
  emails: { id: string; address: string }[];
}

function firstEmail(client: TestClient) {
  const email = client.emails[0];
  if (!email) throw new Error('the client has no email');
  return email;
}

function accessRow(client: TestClient, state: PortalState): PortalAccessTable {
  const email = firstEmail(client);
  return {
    client_id: client.id,
    practice_id: client.practiceId,
    state,
    email_id: email.id,
    email_address: email.address,
    perm_appointments: 1,
    perm_messaging: 1,
    perm_billing: 0,
    perm_pay: 0,
    first_invited_at: long,
    last_invited_at: long,
    first_signed_in_at: state === 'invited' ? null : long,
    last_signed_in_at: state === 'invited' ? null : long,
    disabled_at: state === 'disabled' ? before : null,
    updated_at: before,
  };
}

async function grantAccess(db: Db, client: TestClient, state: PortalState) {
  await db.insertInto('portal_access').values(accessRow(client, state)).execute();
}

/**
 * `count` clients with invited or active access on their one email, written 100 at a time, whose
 * ids sort after every other client's and in the order written; those `isStale` picks then had
 * their address edited in place. Answers the ids of those.
 */
async function insertFillers(
  db: Db,
  practiceId: string,
  count: number,
  isStale: (n: number) => boolean,
): Promise<Set<string>> {
  const stale = new Set<string>();
  for (let start = 0; start < count; start += 100) {
    const clients = Array.from({ length: Math.min(100, count - start) }, (_, i) => {
      const n = start + i;
      const client: TestClient = {
        id: `ffffffff-ffff-4fff-8fff-${String(n).padStart(12, '0')}`,
        practiceId,
        emails: [{ id: randomUUID(), address: `filler-${n}@example.test` }],
      };
      if (isStale(n)) stale.add(client.id);
      return { n, client };
    });
    await clientsBefore019(db)
      .insertInto('clients')
      .values(clients.map(({ client }) => clientRow(client.id, practiceId)))
      .execute();
    await db
      .insertInto('client_emails')
      .values(
        clients.map(({ n, client }) => {
          // A stale one's address as it was edited in place after its access was granted.
          const address = stale.has(client.id) ? `moved-${n}@example.test` : firstEmail(client).address;
          return { ...emailRow(client.id, practiceId, address, 0), id: firstEmail(client).id };
        }),
      )
      .execute();
    await db
      .insertInto('portal_access')
      .values(clients.map(({ n, client }) => accessRow(client, n % 2 === 0 ? 'active' : 'invited')))
      .execute();
  }
  return stale;
}

async function addSession(db: Db, client: TestClient) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: randomUUID(),
      kind: 'client',
      subject_id: client.id,
      practice_id: client.practiceId,
      csrf_token: randomUUID(),
      created_at: before,
      last_seen_at: before,
      expires_at: '2026-12-31T00:00:00.000Z',
      ip: null,
      user_agent: null,
    })
    .execute();
}

async function addToken(
  db: Db,
  client: TestClient,
  kind: 'invitation' | 'link' | 'staff_code',
  marks: { used_at?: string; revoked_at?: string } = {},
) {
  const id = randomUUID();
  await db
    .insertInto('portal_tokens')
    .values({
      id,
      practice_id: client.practiceId,
      client_id: client.id,
      kind,
      token_hash: kind === 'staff_code' ? null : randomUUID(),
      code_hash: randomUUID(),
      email_address: client.emails[0]?.address ?? null,
      code_attempts: 0,
      created_at: before,
      expires_at: '2026-12-31T00:00:00.000Z',
      code_expires_at: '2026-12-31T00:00:00.000Z',
      used_at: marks.used_at ?? null,
      revoked_at: marks.revoked_at ?? null,
      outbox_id: null,
    })
    .execute();
  return id;
}

/** Everything the migration may touch, per client. */
async function snapshot(db: Db) {
  const access = await db.selectFrom('portal_access').selectAll().orderBy('client_id').execute();
  const sessions = await db
    .selectFrom('sessions')
    .selectAll()
    .where('kind', '=', 'client')
    .orderBy('token_hash')
    .execute();
  const tokens = await db.selectFrom('portal_tokens').selectAll().orderBy('id').execute();
  const audits = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'portal.disabled')
    .orderBy('client_id')
    .execute();
  const of = (clientId: string) => ({
    access: access.find((row) => row.client_id === clientId),
    sessions: sessions.filter((row) => row.subject_id === clientId),
    tokens: tokens.filter((row) => row.client_id === clientId),
    audits: audits.filter((row) => row.client_id === clientId),
  });
  return { access, audits, of };
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('migration 010 (disable portal access on a lost address)', () => {
  it('disables, as the client update now does, the access whose address the client no longer has, and nothing else', async () => {
    const db = t.deps.db;
    const schema = testSchemaOf(t.databaseUrl);
    // The practices are made as the code writes them today, then the schema goes back to 009.
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    await migrateTo(db, '009-attachment-storage-keys', schema);

    // Active access whose address was then edited in place (same email row, new address), with a
    // live session, an unused link and code, a link already used and one already revoked.
    const edited = await insertClient(db, practice.id, ['edited.old@example.test']);
    await grantAccess(db, edited, 'active');
    await addSession(db, edited);
    await addSession(db, edited);
    const editedUnused = [await addToken(db, edited, 'link'), await addToken(db, edited, 'staff_code')];
    const editedUsed = await addToken(db, edited, 'invitation', { used_at: long });
    const editedRevoked = await addToken(db, edited, 'link', { revoked_at: long });
    await db
      .updateTable('client_emails')
      .set({ address: 'edited.new@example.test' })
      .where('client_id', '=', edited.id)
      .execute();

    // Invited access, in another practice, whose email was then removed (another one stays).
    const removed = await insertClient(db, other.id, ['removed@example.test', 'kept@example.test']);
    await grantAccess(db, removed, 'invited');
    const removedInvitation = await addToken(db, removed, 'invitation');
    await db.deleteFrom('client_emails').where('id', '=', firstEmail(removed).id).execute();

    // Active access still on one of the client's addresses; and one whose email was removed and
    // the same address entered again as a new email: the address is kept, so is the access.
    const valid = await insertClient(db, practice.id, ['valid@example.test']);
    await grantAccess(db, valid, 'active');
    await addSession(db, valid);
    await addToken(db, valid, 'link');
    const reentered = await insertClient(db, practice.id, ['again@example.test']);
    await grantAccess(db, reentered, 'active');
    await addSession(db, reentered);
    await db.deleteFrom('client_emails').where('client_id', '=', reentered.id).execute();
    await db
      .insertInto('client_emails')
      .values({ ...emailRow(reentered.id, practice.id, 'again@example.test', 0), type: 'work' })
      .execute();

    // Access already disabled, whose email was removed since: left as it is, whatever it holds.
    const disabled = await insertClient(db, practice.id, ['disabled@example.test']);
    await grantAccess(db, disabled, 'disabled');
    await addToken(db, disabled, 'link');
    await db.deleteFrom('client_emails').where('client_id', '=', disabled.id).execute();

    // Enough more clients for three batches of the migration's 500, after the clients above: the
    // second batch has nothing to disable, the third has some again (every 29th from 1000 on).
    const staleFiller = await insertFillers(db, practice.id, 1300, (n) => n >= 1000 && n % 29 === 0);

    const was = await snapshot(db);
    // Up to 010 only: later migrations change these tables again.
    await migrateTo(db, '010-disable-portal-access-on-lost-address', schema);
    const now = await snapshot(db);

    // Only the access on a lost address is disabled, in every batch.
    const lost = new Set([edited.id, removed.id, ...staleFiller]);
    const disabledNow = now.access.filter((row) => row.state === 'disabled' && row.client_id !== disabled.id);
    expect(new Set(disabledNow.map((row) => row.client_id))).toEqual(lost);
    expect(new Set(now.audits.map((row) => row.client_id))).toEqual(lost);
    expect(now.audits).toHaveLength(lost.size);

    for (const clientId of lost) {
      const then = was.of(clientId);
      const after = now.of(clientId);
      const at = after.access?.disabled_at;
      expect(at).toMatch(isoTimestamp);
      expect(after.access).toEqual({ ...then.access, state: 'disabled', disabled_at: at, updated_at: at });
      expect(after.sessions).toEqual([]);
      expect(after.tokens).toEqual(
        then.tokens.map((row) => (row.used_at || row.revoked_at ? row : { ...row, revoked_at: at })),
      );
      const reason = clientId === removed.id ? 'email_removed' : 'email_changed';
      expect(after.audits).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
          practice_id: clientId === removed.id ? other.id : practice.id,
          actor_type: 'system',
          actor_id: null,
          client_id: clientId,
          action: 'portal.disabled',
          ip: null,
          user_agent: null,
          details: JSON.stringify({ reason }),
          created_at: at,
        },
      ]);
    }

    // The edited client's sessions, unused link and code are what went; the used and revoked stay as they were.
    expect(was.of(edited.id).sessions).toHaveLength(2);
    const editedTokens = now.of(edited.id).tokens;
    for (const id of editedUnused) expect(editedTokens.find((row) => row.id === id)?.revoked_at).toMatch(isoTimestamp);
    expect(editedTokens.find((row) => row.id === editedUsed)).toMatchObject({ used_at: long, revoked_at: null });
    expect(editedTokens.find((row) => row.id === editedRevoked)?.revoked_at).toBe(long);
    expect(now.of(removed.id).tokens.find((row) => row.id === removedInvitation)?.revoked_at).toMatch(isoTimestamp);
    expect(JSON.parse(now.of(removed.id).audits[0]?.details ?? 'null')).toEqual({ reason: 'email_removed' });
    expect(JSON.parse(now.of(edited.id).audits[0]?.details ?? 'null')).toEqual({ reason: 'email_changed' });

    // Everyone else is untouched: access, sessions, tokens, and no audit row.
    for (const client of [valid, reentered, disabled]) {
      expect(now.of(client.id)).toEqual(was.of(client.id));
      expect(now.of(client.id).audits).toEqual([]);
    }
    expect(now.of(valid.id).sessions).toHaveLength(1);
    expect(now.of(reentered.id).sessions).toHaveLength(1);
    expect(now.of(disabled.id).access).toMatchObject({ state: 'disabled', disabled_at: before });
    const untouched = was.access.filter((row) => !lost.has(row.client_id));
    expect(now.access.filter((row) => !lost.has(row.client_id))).toEqual(untouched);
  });
});
