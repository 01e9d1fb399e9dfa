import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.js';
import { openFileStore } from '../src/server/platform/open-file-store.js';
import { ManualClock } from '../src/server/platform/clock.js';
import { InProcessEventBus } from '../src/server/platform/live-events.js';
import { signedInStaffContext } from '../src/server/platform/request-context.js';
import { newId } from '../src/server/platform/tokens.js';
import { getAccessView } from '../src/server/modules/portal-access/portal-access.view.js';
import { tmpRoot } from '../test/helpers/paths.js';
import { openTestDatabase, testConfig } from '../test/helpers/test-app.js';
import { seedDemoPractice, type DemoDeps, type DemoSeedResult } from './demo-practice.js';

// The demo practice, seeded through the services into a fresh database (SQLite, and PostgreSQL
// when TEST_DATABASE_URL is set), has what `npm run demo` promises to show.
const now = new Date('2026-12-07T15:00:00.000Z');
let handle: DatabaseHandle;
let drop: () => Promise<void>;
let deps: DemoDeps;
let demo: DemoSeedResult;

beforeAll(async () => {
  const opened = await openTestDatabase();
  handle = opened.handle;
  drop = opened.drop;
  const config = testConfig({ ATTACHMENTS_DIR: path.join(tmpRoot, 'attachments', newId()) });
  deps = {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock: new ManualClock(),
    files: openFileStore(config.files),
    live: new InProcessEventBus(),
  };
  demo = await seedDemoPractice(deps, now);
}, 60_000);

afterAll(async () => {
  await deps.live.close();
  await handle.close();
  await drop();
});

async function clientsByName() {
  const rows = await handle.db
    .selectFrom('clients')
    .leftJoin('portal_access', 'portal_access.client_id', 'clients.id')
    .select(['clients.id', 'clients.first_name', 'clients.archived_at', 'portal_access.state'])
    .where('clients.practice_id', '=', demo.practice.id)
    .execute();
  return new Map(rows.map((row) => [row.first_name, row]));
}

describe('the demo practice', () => {
  it('has its owner and clinician, and the twelve clients with one archived, counted as the list counts them', async () => {
    expect(demo.practice.slug).toBe('harbour-light');
    expect(
      await handle.db
        .selectFrom('staff_users')
        .innerJoin('staff_memberships', 'staff_memberships.staff_id', 'staff_users.id')
        .select(['email', 'owner', 'clinician', 'biller', 'scheduler'])
        .orderBy('email')
        .execute(),
    ).toEqual([
      { email: 'clinician@demo.portico.test', owner: 0, clinician: 1, biller: 0, scheduler: 0 },
      { email: 'owner@demo.portico.test', owner: 1, clinician: 1, biller: 0, scheduler: 0 },
    ]);
    const clients = await clientsByName();
    expect(clients.size).toBe(12);
    expect(demo.clients).toBe(12);
    expect([...clients.values()].filter((c) => c.archived_at !== null).map((c) => c.first_name)).toEqual(['Robert']);
    expect(await handle.db.selectFrom('practice_client_counts').select(['active', 'archived']).execute()).toEqual([
      { active: 11, archived: 1 },
    ]);
  });

  it('has clients in every portal access state', async () => {
    const clients = await clientsByName();
    const stateOf = (name: string) => clients.get(name)?.state ?? 'not_invited';
    expect(['Margaret', 'Liam', 'Zoë'].map(stateOf)).toEqual(['active', 'active', 'active']);
    expect(['Priya', 'Aisha', 'Theodore'].map(stateOf)).toEqual(['invited', 'invited', 'invited']);
    expect(stateOf('Søren')).toBe('disabled');
    expect(['José', 'Hannah', 'Marcus', 'Eleanor', 'Robert'].map(stateOf)).toEqual(Array(5).fill('not_invited'));
    expect(demo.portalClient).toEqual({ id: clients.get('Margaret')?.id, name: 'Maggie Okafor' });
  });

  it('has invitations that were used, replaced by another sign-in, are still open, expired and cancelled', async () => {
    const clients = await clientsByName();
    const invitations = async (name: string) =>
      handle.db
        .selectFrom('portal_tokens')
        .select(['email_address', 'used_at', 'revoked_at', 'expires_at'])
        .where('client_id', '=', clients.get(name)?.id ?? '')
        .where('kind', '=', 'invitation')
        .orderBy('created_at')
        .execute();
    const nowIso = now.toISOString();
    const claimedBy = async (name: string) =>
      handle.db
        .selectFrom('portal_tokens')
        .select(['id', 'kind', 'claimed_by'])
        .where('client_id', '=', clients.get(name)?.id ?? '')
        .where('kind', 'in', ['invitation', 'link'])
        .orderBy('created_at')
        .execute();
    for (const name of ['Margaret', 'Zoë', 'Søren']) {
      const [used] = await claimedBy(name);
      // Used: the client signed in with this very invitation.
      expect(used?.kind, name).toBe('invitation');
      expect(used?.claimed_by, name).toBe(used?.id);
    }
    // Replaced: Liam signed in with a link he asked the portal for, which used up his invitation.
    const [liamsInvitation, liamsLink] = await claimedBy('Liam');
    expect(liamsInvitation?.kind).toBe('invitation');
    expect(liamsLink?.kind).toBe('link');
    expect(liamsInvitation?.claimed_by).toBe(liamsLink?.id);
    const [open] = await invitations('Aisha');
    expect(open).toMatchObject({ used_at: null, revoked_at: null });
    expect((open?.expires_at ?? '') > nowIso).toBe(true);
    const [expired] = await invitations('Theodore');
    expect(expired).toMatchObject({ used_at: null, revoked_at: null });
    expect((expired?.expires_at ?? nowIso) < nowIso).toBe(true);
    // Cancelled: Priya's first invitation died when the next went to another of her addresses.
    const [cancelled, newer] = await invitations('Priya');
    expect(cancelled).toMatchObject({ email_address: 'priya.ramanshah@example.com', used_at: null });
    expect(cancelled?.revoked_at).not.toBeNull();
    expect(newer).toMatchObject({ email_address: 'priya@design.example.org', used_at: null, revoked_at: null });
    // Every invitation's welcome email is queued for the mail worker (the Mailbox in the demo).
    const welcomes = await handle.db
      .selectFrom('outbox')
      .select('to_address')
      .where('kind', '=', 'portal_invitation')
      .execute();
    expect(welcomes).toHaveLength(8);
  });

  it('has conversations with messages unread by the client and by staff, and attachments stored', async () => {
    const clients = await clientsByName();
    const conversations = await handle.db
      .selectFrom('conversations')
      .select(['client_id', 'staff_unread', 'client_unread'])
      .where('practice_id', '=', demo.practice.id)
      .execute();
    const unread = new Map(conversations.map((c) => [c.client_id, [c.staff_unread, c.client_unread]]));
    expect(unread.get(clients.get('Margaret')?.id ?? '')).toEqual([0, 2]);
    expect(unread.get(clients.get('Liam')?.id ?? '')).toEqual([2, 0]);
    expect(unread.get(clients.get('Zoë')?.id ?? '')).toEqual([0, 0]);
    expect(unread.get(clients.get('Søren')?.id ?? '')).toEqual([0, 0]);

    const attachments = await handle.db
      .selectFrom('message_attachments')
      .select(['file_name', 'content_type', 'storage_key', 'sha256'])
      .where('practice_id', '=', demo.practice.id)
      .orderBy('file_name')
      .execute();
    expect(attachments.map((a) => [a.file_name, a.content_type])).toEqual([
      ['Harbour at dusk.png', 'image/png'],
      ['Sleep diary - week 1.pdf', 'application/pdf'],
      ['Sleep diary - week 1.pdf', 'application/pdf'],
      ['Thought record worksheet.pdf', 'application/pdf'],
      ['Thought record worksheet.pdf', 'application/pdf'],
    ]);
    for (const attachment of attachments) {
      const stored = await deps.files.get(attachment.storage_key);
      expect(stored, attachment.file_name).not.toBeNull();
      stored?.stream.destroy();
    }
  });

  it('has the audit trail those actions wrote, dated over the practice’s history', async () => {
    const rows = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'created_at'])
      .where('practice_id', '=', demo.practice.id)
      .orderBy('created_at')
      .execute();
    const count = (action: string) => rows.filter((row) => row.action === action).length;
    expect(count('practice.created')).toBe(1);
    expect(count('client.created')).toBe(12);
    expect(count('portal.invited')).toBe(8);
    expect(count('portal.signed_in')).toBe(4);
    expect(count('portal.sign_in_link_requested')).toBe(1);
    expect(count('portal.disabled')).toBe(1);
    expect(count('portal.permissions_changed')).toBe(1);
    expect(count('portal.sign_in_code_generated')).toBe(1);
    expect(count('message.sent')).toBe(14);
    expect(count('client.archived')).toBe(1);
    expect(count('client.viewed')).toBe(2);
    expect(new Set(rows.map((row) => row.actor_type))).toEqual(new Set(['staff', 'client', 'anonymous']));
    expect((rows[0]?.created_at ?? '') < new Date(now.getTime() - 365 * 86_400_000).toISOString()).toBe(true);
    expect((rows.at(-1)?.created_at ?? '') <= now.toISOString()).toBe(true);
  });

  it('shows staff those invitation states on the Client Portal tab (before the mail worker hands the open ones over)', async () => {
    const clients = await clientsByName();
    const owner = await handle.db
      .selectFrom('staff_memberships')
      .select('staff_id as id')
      .where('owner', '=', 1)
      .executeTakeFirstOrThrow();
    const staff = signedInStaffContext(
      deps,
      {
        kind: 'staff',
        staffId: owner.id,
        practiceId: demo.practice.id,
        roles: ['owner', 'clinician'],
        csrfToken: '',
        sessionHash: '',
      },
      null,
    );
    const states = async (name: string) =>
      (await getAccessView(staff, clients.get(name)?.id ?? '')).invitations
        .filter((invitation) => invitation.kind === 'invitation')
        .map((invitation) => invitation.state);
    expect(await states('Margaret')).toEqual(['used']);
    expect(await states('Liam')).toEqual(['replaced']);
    expect(await states('Theodore')).toEqual(['expired']);
    expect(await states('Priya')).toEqual(['queued', 'cancelled']);
    expect(await states('Aisha')).toEqual(['queued']);
  });

  it('has a schedule: services with CPT codes, weekly hours, and four clients in care, their past sessions marked as they went', async () => {
    const clients = await clientsByName();
    const services = await handle.db
      .selectFrom('services')
      .select(['name', 'cpt_code', 'fee_minor'])
      .where('practice_id', '=', demo.practice.id)
      .orderBy('name')
      .execute();
    expect(services).toEqual([
      { name: 'Couples therapy', cpt_code: '90847', fee_minor: 18_000 },
      { name: 'Individual therapy', cpt_code: '90834', fee_minor: 15_000 },
      { name: 'Intake assessment', cpt_code: '90791', fee_minor: 20_000 },
    ]);
    const appointments = await handle.db
      .selectFrom('appointments')
      .select(['client_id', 'status', 'starts_at'])
      .where('practice_id', '=', demo.practice.id)
      .execute();
    const tally = (firstName: string) => {
      const id = clients.get(firstName)?.id;
      const counts: Record<string, number> = {};
      for (const row of appointments.filter((a) => a.client_id === id))
        counts[row.status] = (counts[row.status] ?? 0) + 1;
      return counts;
    };
    expect(tally('Margaret')).toEqual({ attended: 8, scheduled: 4 });
    expect(tally('Liam')).toEqual({ attended: 5, late_cancelled: 1, scheduled: 4 });
    expect(tally('Zoë')).toEqual({ attended: 4, scheduled: 2 });
    expect(tally('Marcus')).toEqual({ attended: 4, no_show: 1, scheduled: 3 });
    // What is behind is marked, what is ahead is booked.
    for (const row of appointments)
      expect(row.status === 'scheduled', row.starts_at).toBe(row.starts_at > now.toISOString());
    const hours = await handle.db
      .selectFrom('availability_blocks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('practice_id', '=', demo.practice.id)
      .executeTakeFirstOrThrow();
    expect(Number(hours.n)).toBe(9);
    const billing = await handle.db
      .selectFrom('practice_billing_settings')
      .select(['legal_name', 'invoice_mode', 'no_show_fee_minor'])
      .where('practice_id', '=', demo.practice.id)
      .executeTakeFirstOrThrow();
    expect(billing).toEqual({
      legal_name: 'Harbour Light Counselling LLC',
      invoice_mode: 'per_appointment',
      no_show_fee_minor: 10_000,
    });
  });

  it('bills the sessions as they were marked, per appointment, and has the payments the clients made', async () => {
    const clients = await clientsByName();
    const invoices = await handle.db
      .selectFrom('invoices')
      .select(['client_id', 'total_minor', 'paid_minor', 'voided_at'])
      .where('practice_id', '=', demo.practice.id)
      .execute();
    const payments = await handle.db
      .selectFrom('payments')
      .select(['client_id', 'amount_minor', 'applied_minor', 'refunded_minor', 'method'])
      .where('practice_id', '=', demo.practice.id)
      .execute();
    const of = (firstName: string) => {
      const id = clients.get(firstName)?.id;
      const mine = invoices.filter((i) => i.client_id === id);
      const paid = payments.filter((p) => p.client_id === id);
      return {
        invoices: mine.length,
        billed: mine.reduce((sum, i) => sum + i.total_minor, 0),
        owed: mine.reduce((sum, i) => sum + i.total_minor - i.paid_minor, 0),
        credit: paid.reduce((sum, p) => sum + p.amount_minor - p.applied_minor - p.refunded_minor, 0),
        methods: [...new Set(paid.map((p) => p.method))],
      };
    };
    expect(invoices.every((i) => i.voided_at === null)).toBe(true);
    // Eight sessions at $150, six paid by card the next day.
    expect(of('Margaret')).toEqual({ invoices: 8, billed: 120_000, owed: 30_000, credit: 0, methods: ['card'] });
    // Five sessions, the last not paid yet.
    expect(of('Liam')).toEqual({ invoices: 5, billed: 75_000, owed: 15_000, credit: 0, methods: ['card'] });
    // Four sessions paid by one $650 check: $50 of credit.
    expect(of('Zoë')).toEqual({ invoices: 4, billed: 60_000, owed: 0, credit: 5_000, methods: ['check'] });
    // Four couples sessions at $180, nothing paid.
    expect(of('Marcus')).toEqual({ invoices: 4, billed: 72_000, owed: 72_000, credit: 0, methods: [] });
    // The fees of Liam's late cancellation and Marcus's no-show wait on the Billing tab for staff
    // to invoice (or correct): per-appointment invoicing issues attended sessions only.
    const unbilled = await handle.db
      .selectFrom('billable_items')
      .select(['client_id', 'kind', 'fee_minor'])
      .where('practice_id', '=', demo.practice.id)
      .where('invoice_id', 'is', null)
      .orderBy('fee_minor')
      .execute();
    expect(unbilled).toEqual([
      { client_id: clients.get('Liam')?.id, kind: 'late_cancel', fee_minor: 7_500 },
      { client_id: clients.get('Marcus')?.id, kind: 'no_show', fee_minor: 10_000 },
    ]);
  });
});
