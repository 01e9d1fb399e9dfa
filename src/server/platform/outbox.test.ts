import { afterEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../test/factories/practices.js';
import { SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { renderEmail } from './email-layout.js';
import { MailWorker } from './mail-worker.js';
import { enqueueEmail, messageIdDomain } from './outbox.js';

let opened: { t: TestApp; sink: SmtpSink }[] = [];
afterEach(async () => {
  for (const { t, sink } of opened) {
    await t.close();
    await sink.stop();
  }
  opened = [];
});

/** Queues one email on a server configured with `config` and delivers it to a loopback SMTP server. */
async function deliverOne(config: Record<string, string>) {
  const sink = new SmtpSink();
  const t = await buildTestApp({ SMTP_URL: await sink.start(), ...config });
  opened.push({ t, sink });
  const practice = await createPractice(t.deps);
  const to = `client-${practice.id.slice(0, 8)}@example.test`;
  const id = await enqueueEmail(t.deps.db, t.deps, {
    practiceId: practice.id,
    kind: 'test',
    to,
    subject: 'Hello',
    ...renderEmail({ practiceName: practice.name, heading: 'Hello', paragraphs: ['Hi'] }),
  });
  const worker = new MailWorker(t.deps);
  expect(await worker.drain()).toBe(1);
  await worker.stop();
  const mail = await sink.waitFor((m) => m.to.includes(to));
  return { t, sink, worker, id, to, mail };
}

describe('Message-IDs', () => {
  it("a delivered email's Message-ID ends in @ the PUBLIC_URL host", async () => {
    const { mail } = await deliverOne({ PUBLIC_URL: 'https://care.example.org:8443/portico' });
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@care\.example\.org>$/);
  });

  it("ends in @ MAIL_FROM's domain, never @localhost or an IP address, when PUBLIC_URL is not a domain name", async () => {
    // PUBLIC_URL's default is http://localhost:$PORT; an instance on a private network may be given an address or a bare name.
    for (const publicUrl of [
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://portico:3000',
      'http://portico.localhost:3000',
    ]) {
      const { mail } = await deliverOne({
        PUBLIC_URL: publicUrl,
        MAIL_FROM: 'Cedar Therapy <no-reply@Mail.Cedar-Therapy.example>',
      });
      expect(mail.messageId, publicUrl).toMatch(/^<[0-9a-f-]{36}@mail\.cedar-therapy\.example>$/);
    }
    expect(messageIdDomain({ publicUrl: 'http://localhost:3000', mailFromAddress: 'no-reply@portico.localhost' })).toBe(
      'portico.localhost',
    );
  });

  it('a redelivered email carries its original Message-ID, even after the configuration changed', async () => {
    const { t, sink, id, to, mail } = await deliverOne({ PUBLIC_URL: 'https://care.example.org' });
    // As after a crash between the SMTP server's acceptance and the row's update: the row is due again.
    await t.deps.db.updateTable('outbox').set({ status: 'queued', locked_until: null }).where('id', '=', id).execute();
    const restarted = new MailWorker({
      ...t.deps,
      config: { ...t.deps.config, publicUrl: 'https://moved.example.net' },
    });
    expect(await restarted.drain()).toBe(1);
    await restarted.stop();
    const copies = sink.messages.filter((m) => m.to.includes(to));
    expect(copies).toHaveLength(2);
    expect(copies.map((m) => m.messageId)).toEqual([mail.messageId, mail.messageId]);
  });
});
