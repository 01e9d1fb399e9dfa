import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../test/factories/practices.js';
import { SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { renderEmail } from './email-layout.js';
import { MailWorker, retryDelaySeconds } from './mail-worker.js';
import { enqueueEmail } from './outbox.js';

let t: TestApp;
let sink: SmtpSink;
let smtpUrl: string;

beforeEach(async () => {
  sink = new SmtpSink();
  smtpUrl = await sink.start();
  t = await buildTestApp({ SMTP_URL: smtpUrl });
});
afterEach(async () => {
  await t.close();
  await sink.stop();
});

async function queue(practiceId: string, to: string) {
  const content = renderEmail({ practiceName: 'Ignored', heading: 'Hello <b>there</b>', paragraphs: ['Line one'] });
  return enqueueEmail(t.deps.db, t.deps, { practiceId, kind: 'test', to, subject: 'Greetings', ...content });
}

async function outboxRow(id: string) {
  return t.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('mail worker', () => {
  it('delivers over SMTP with both parts, the practice as sender and a stable Message-ID', async () => {
    const practice = await createPractice(t.deps, { name: 'Cedar "Grove" Therapy' });
    const id = await queue(practice.id, 'client@example.test');
    const worker = new MailWorker(t.deps);
    expect(await worker.drain()).toBe(1);
    const mail = await sink.waitFor((m) => m.to.includes('client@example.test'));
    expect(mail.fromName).toBe('Cedar "Grove" Therapy');
    expect(mail.from).toBe('no-reply@portico.localhost');
    expect(mail.html).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
    expect(mail.text).toContain('Hello <b>there</b>');
    const row = await outboxRow(id);
    expect(row.status).toBe('sent');
    expect(mail.messageId).toBe(row.message_id);
    await worker.stop();
  });

  it('keeps an email queued while the server refuses with 4xx and delivers it later', async () => {
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'later@example.test');
    sink.failWith({ code: 451, message: 'Try again later' });
    const worker = new MailWorker(t.deps);
    await worker.drain();
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('Try again later');

    await worker.drain();
    expect((await outboxRow(id)).attempts).toBe(1);

    sink.failWith(null);
    t.deps.clock.advanceMinutes(1);
    await worker.drain();
    row = await outboxRow(id);
    expect(row.status).toBe('sent');
    await sink.waitFor((m) => m.to.includes('later@example.test'));
    await worker.stop();
  });

  it('marks an email failed on a 5xx answer and does not retry it', async () => {
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'nobody@example.test');
    sink.failWith({ code: 550, message: 'No such user' });
    const worker = new MailWorker(t.deps);
    await worker.drain();
    const row = await outboxRow(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('No such user');
    t.deps.clock.advanceMinutes(120);
    expect(await worker.drain()).toBe(0);
    await worker.stop();
  });

  it('never loses an email while the SMTP server is down', async () => {
    const practice = await createPractice(t.deps);
    await sink.stop();
    const id = await queue(practice.id, 'patient@example.test');
    const worker = new MailWorker(t.deps);
    await worker.drain();
    expect((await outboxRow(id)).status).toBe('queued');
    worker['transport']?.close();
    await worker.stop();

    sink = new SmtpSink();
    await sink.start(Number(new URL(smtpUrl).port));
    t.deps.clock.advanceMinutes(5);
    const again = new MailWorker(t.deps);
    await again.drain();
    expect((await outboxRow(id)).status).toBe('sent');
    await again.stop();
  });

  it('picks up an email whose sender died mid-delivery once the lease expires', async () => {
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'crash@example.test');
    await t.deps.db
      .updateTable('outbox')
      .set({ status: 'sending', locked_until: new Date(t.deps.clock.now().getTime() + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const worker = new MailWorker(t.deps);
    expect(await worker.drain()).toBe(0);
    t.deps.clock.advanceMinutes(3);
    expect(await worker.drain()).toBe(1);
    expect((await outboxRow(id)).status).toBe('sent');
    await worker.stop();
  });

  it('backs off exponentially up to an hour', () => {
    expect(retryDelaySeconds(1)).toBe(15);
    expect(retryDelaySeconds(2)).toBe(30);
    expect(retryDelaySeconds(20)).toBe(3600);
  });
});
