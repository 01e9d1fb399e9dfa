import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../factories/practices.js';
import { signInAs } from '../helpers/agent.js';
import { invite, portalWorld } from '../helpers/portal.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { MailWorker } from '../../src/server/platform/mail-worker.js';
import { enqueueEmail } from '../../src/server/platform/outbox.js';
import type { PortalAccessView } from '../../src/shared/schemas/portal-access.js';
import { report, scaled } from './fault-scale.js';

// The mail worker against a mail server that is away, busy or refusing, on the test clock: what
// mail-worker.test.ts shows for one email and one retry, here for many emails over many minutes.

let t: TestApp;
let sink: SmtpSink;
let port: number;
let worker: MailWorker;

beforeEach(async () => {
  sink = new SmtpSink();
  const url = await sink.start();
  port = Number(new URL(url).port);
  t = await buildTestApp({ SMTP_URL: url });
  worker = new MailWorker(t.deps);
});
afterEach(async () => {
  await worker.stop();
  await t.close();
  await sink.stop();
});

async function queueMany(count: number, prefix: string): Promise<Map<string, string>> {
  const practice = await createPractice(t.deps);
  for (let i = 0; i < count; i++) {
    await enqueueEmail(t.deps.db, t.deps, {
      practiceId: practice.id,
      kind: 'fault_test',
      to: `${prefix}-${i}@example.test`,
      subject: `Outage ${i}`,
      html: `<p>${i}</p>`,
      text: `${i}`,
    });
  }
  const rows = await t.deps.db.selectFrom('outbox').select(['to_address', 'message_id']).execute();
  return new Map(rows.map((row) => [row.to_address, row.message_id]));
}

/** Runs the worker every 15 s of test time for `minutes`, as its poll loop would. */
async function runFor(minutes: number): Promise<void> {
  for (let elapsed = 0; elapsed < minutes * 60; elapsed += 15) {
    await worker.drain();
    t.deps.clock.advanceMinutes(0.25);
  }
}

async function statuses() {
  const rows = await t.deps.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).execute();
  return rows;
}

/** Each queued email arrived exactly once, with its row's Message-ID, and every row is sent. */
async function expectEachDeliveredOnce(expected: Map<string, string>) {
  const arrived = sink.messages.map((mail) => [mail.to[0] ?? '', mail.messageId] as const);
  expect(arrived.length).toBe(expected.size);
  expect(new Map(arrived)).toEqual(expected);
  expect((await statuses()).every((row) => row.status === 'sent')).toBe(true);
}

describe('mail delivery when the SMTP server misbehaves', () => {
  it(
    'delivers everything once after the server was unreachable for ten minutes',
    { timeout: scaled(60_000, 300_000) },
    async () => {
      const count = scaled(20, 200);
      const expected = await queueMany(count, 'outage');
      await sink.stop();

      await runFor(10);
      let rows = await statuses();
      // Tried at 0 s, 15, 45, 105, 225 and 465 s: backing off, never giving up, nothing lost.
      expect(rows.every((row) => row.status === 'queued' && row.attempts === 6)).toBe(true);
      expect(rows[0]?.last_error).toMatch(/ECONNREFUSED/);

      // Back on the same address; the same worker (the server never restarted) picks it all up.
      sink = new SmtpSink();
      await sink.start(port);
      const started = Date.now();
      await runFor(10);
      await expectEachDeliveredOnce(expected);
      rows = await statuses();
      expect(rows.every((row) => row.attempts === 7)).toBe(true);
      report(
        `SMTP down 10 min: ${count} emails, 6 refused tries each, all ${sink.messages.length} delivered once in ${((Date.now() - started) / 1000).toFixed(1)} s after its return`,
      );
    },
  );

  it(
    'delivers everything once after minutes of 421 greetings and 451 replies',
    { timeout: scaled(60_000, 300_000) },
    async () => {
      const expected = await queueMany(scaled(4, 100), 'busy');
      sink.refuseConnectionsWith({ code: 421, message: 'Too busy, try again later' });
      await runFor(2);
      expect((await statuses()).every((row) => row.status === 'queued' && row.attempts === 4)).toBe(true);
      expect((await statuses())[0]?.last_error).toContain('421');

      sink.refuseConnectionsWith(null);
      sink.failWith({ code: 451, message: 'Local error in processing' });
      await runFor(8);
      const rows = await statuses();
      expect(rows.every((row) => row.status === 'queued' && row.attempts === 6)).toBe(true);
      expect(rows[0]?.last_error).toContain('Local error in processing');
      expect(sink.messages).toEqual([]);

      sink.failWith(null);
      await runFor(10);
      await expectEachDeliveredOnce(expected);
    },
  );

  it('marks a 550 failed at once, delivers the rest of the batch, and never tries it again', async () => {
    const expected = await queueMany(5, 'mixed');
    sink.refuseRecipients((address) =>
      address === 'mixed-2@example.test' ? { code: 550, message: 'No such user here' } : null,
    );
    await worker.drain();
    const failed = await t.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'mixed-2@example.test')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('No such user here');
    expect(sink.messages.map((mail) => mail.to[0]).sort()).toEqual(
      [...expected.keys()].filter((to) => to !== 'mixed-2@example.test').sort(),
    );

    // A day later, and after the address would have been accepted: still failed, still one try.
    sink.refuseRecipients(null);
    t.deps.clock.advanceMinutes(24 * 60);
    expect(await worker.drain()).toBe(0);
    expect(
      await t.deps.db
        .selectFrom('outbox')
        .select(['status', 'attempts'])
        .where('id', '=', failed.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'failed',
      attempts: 1,
    });
    expect(sink.messages).toHaveLength(4);
  });

  it("shows staff an invitation the mail server refused, on the client's Client Portal tab", async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    sink.refuseRecipients(() => ({ code: 550, message: 'Mailbox unavailable' }));
    await worker.drain();
    t.deps.clock.advanceMinutes(60);
    expect(await worker.drain()).toBe(0);

    // Whoever looks next (the first session has gone idle by now) sees why the client never got it.
    const later = await signInAs(t.app, practice.owner.email);
    const view = (await later.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view.invitations).toEqual([
      expect.objectContaining({ kind: 'invitation', sentTo: email.address, delivery: 'failed', attempts: 1 }),
    ]);
    expect(view.invitations[0]?.lastError).toContain('Mailbox unavailable');
    expect(sink.messages).toEqual([]);
  });
});
