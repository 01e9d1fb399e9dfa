import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/schemas/messages.js';
import { createPractice } from '../factories/practices.js';
import { sampleFiles } from '../helpers/messages.js';
import { startObjectStorage } from '../helpers/object-storage.js';
import { latestPortalEmail } from '../helpers/portal.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { openTestDatabase, testConfig, testDatabaseKind } from '../helpers/test-app.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { enqueueEmail } from '../../src/server/platform/outbox.js';
import { newId } from '../../src/server/platform/tokens.js';
import { report, scaled } from './fault-scale.js';
import { HttpAgent } from './http-agent.js';
import {
  killServerProcesses,
  privateDirectory,
  removePrivateDirectories,
  startServerProcess,
} from './server-process.js';
import { until } from './wait.js';

// Two server processes on one PostgreSQL database, as a deployment behind a load balancer runs.
// That a live message posted on one reaches an event stream on the other is shown in
// src/server/modules/messaging/messaging.events.test.ts ("across two instances").

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killServerProcesses();
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  removePrivateDirectories();
});

describe.skipIf(testDatabaseKind !== 'postgres')('two server instances on one PostgreSQL', () => {
  it(
    "serve each other's sessions and deliver every email exactly once between them",
    { timeout: scaled(120_000, 900_000) },
    async () => {
      const emailCount = scaled(60, 1000);
      const { handle, url, drop } = await openTestDatabase({ directory: privateDirectory() });
      cleanup.push(async () => {
        await handle.close();
        await drop();
      });
      // Each delivery takes a little while, as on a real relay, so that one instance cannot drain
      // every batch before the other has polled once.
      const sink = new SmtpSink({ acceptDelayMs: () => 15 });
      const smtpUrl = await sink.start();
      cleanup.push(() => sink.stop());

      const started = Date.now();
      // Each instance names itself in EHLO, so the sink can tell who delivered what.
      const [a, b] = await Promise.all(
        ['a', 'b'].map((name) =>
          startServerProcess({ DATABASE_URL: url, SMTP_URL: `${smtpUrl}/?name=instance-${name}` }),
        ),
      );
      if (!a || !b) throw new Error('two servers expected');

      // Queued once both are polling, so both have the chance to claim.
      const deps = { db: handle.db, clock: systemClock, config: testConfig() };
      const practice = await createPractice(deps);
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < emailCount; i++) {
          await enqueueEmail(trx, deps, {
            practiceId: practice.id,
            kind: 'fault_test',
            to: `pair-${i}@example.test`,
            subject: `Two instances ${i}`,
            html: `<p>${i}</p>`,
            text: `${i}`,
          });
        }
      });

      // A session made on one instance is good on the other, both ways.
      const onA = await HttpAgent.signIn(a.url, practice.owner.email);
      const onB = onA.at(b.url);
      const created = await onB.postJson('/api/clients', {
        firstName: 'Across',
        lastName: 'Instances',
        emails: [{ address: 'across@example.test', type: 'home', emailOk: true, isPrimary: true }],
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await onA.fetch(`/api/clients/${id}`)).status).toBe(200);
      const onBSignedIn = await HttpAgent.signIn(b.url, practice.owner.email);
      expect((await onBSignedIn.at(a.url).fetch(`/api/clients/${id}`)).status).toBe(200);

      await until(
        `${emailCount} emails`,
        () => sink.messages.length >= emailCount,
        scaled(100_000, 800_000),
        () => a.output() + b.output(),
      );
      // Anything delivered twice would arrive within a batch's time; give it that long.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const seconds = (Date.now() - started) / 1000;

      const ids = sink.messages.map((mail) => mail.messageId);
      const byInstance = Object.fromEntries(
        ['instance-a', 'instance-b'].map((name) => [name, sink.messages.filter((m) => m.helo === name).length]),
      );
      report(
        `PostgreSQL two instances: ${emailCount} emails, ${ids.length} arrivals, ${new Set(ids).size} distinct, delivered by ${JSON.stringify(byInstance)}, ${seconds.toFixed(1)} s`,
      );
      expect(ids.length).toBe(emailCount);
      expect(new Set(ids).size).toBe(emailCount);
      // Both took part: the rows were shared out, not merely locked against each other.
      expect(byInstance['instance-a']).toBeGreaterThan(0);
      expect(byInstance['instance-b']).toBeGreaterThan(0);
      const unsent = await handle.db.selectFrom('outbox').select('id').where('status', '<>', 'sent').execute();
      expect(unsent).toEqual([]);

      for (const server of [a, b]) server.kill('SIGTERM');
      expect(await Promise.all([a.exited, b.exited])).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    },
  );
});

describe.skipIf(testDatabaseKind !== 'postgres')('two server instances sharing one store of files', () => {
  // Behind a load balancer the upload and the download land on different servers. Both servers
  // name the same store: one bucket (s3rver on loopback), or one folder on a disk both mount,
  // which is what the README asks of the disk store on several servers.
  for (const store of ['one bucket', 'one shared disk'] as const) {
    it(`serve through one the attachment uploaded through the other (${store})`, { timeout: 120_000 }, async () => {
      const { handle, url, drop } = await openTestDatabase({ directory: privateDirectory() });
      cleanup.push(async () => {
        await handle.close();
        await drop();
      });
      let filesEnv: Record<string, string>;
      if (store === 'one bucket') {
        const storage = await startObjectStorage(privateDirectory());
        cleanup.push(() => storage.stop());
        filesEnv = { FILES_URL: storage.filesUrl(`two-servers-${newId()}`), ...storage.env };
      } else {
        filesEnv = { FILES_URL: pathToFileURL(privateDirectory()).href };
      }
      const [a, b] = await Promise.all([0, 1].map(() => startServerProcess({ DATABASE_URL: url, ...filesEnv })));
      if (!a || !b) throw new Error('two servers expected');

      const deps = { db: handle.db, clock: systemClock, config: testConfig() };
      const practice = await createPractice(deps);
      const staffOnA = await HttpAgent.signIn(a.url, practice.owner.email);
      const created = await staffOnA.postJson('/api/clients', {
        firstName: 'Shared',
        lastName: 'Files',
        emails: [{ address: `shared-${newId()}@example.test`, type: 'home', emailOk: true, isPrimary: true }],
      });
      expect(created.status).toBe(201);
      const client = (await created.json()) as { id: string; emails: { id: string; address: string }[] };
      const [email] = client.emails;
      if (!email) throw new Error('the client has no email');
      const invited = await staffOnA.postJson(`/api/clients/${client.id}/portal/invitations`, {
        emailId: email.id,
        message: 'Welcome.',
      });
      expect(invited.status, await invited.text()).toBe(200);

      // 6 MB: more than one 5 MB part of an object-storage upload.
      const scan = Buffer.concat([sampleFiles.pdf(), randomBytes(6 * 1024 * 1024)]);
      const sent = await staffOnA.postMessage(`/api/clients/${client.id}/messages`, {
        body: 'The signed intake form',
        files: [{ name: 'Intake form.pdf', data: scan }],
      });
      expect(sent.status, await sent.clone().text()).toBe(201);
      const [attachment] = ((await sent.json()) as Message).attachments;
      if (!attachment) throw new Error('the message has no attachment');

      // The client signs in through B with the invitation's link and downloads the file there.
      const { token } = await latestPortalEmail(handle, email.address);
      const clientOnB = await HttpAgent.signInToPortal(b.url, practice.slug, token);
      const downloads = [
        await clientOnB.fetch(`/api/portal/${practice.slug}/attachments/${attachment.id}`),
        await staffOnA.at(b.url).fetch(`/api/attachments/${attachment.id}`),
      ];
      for (const download of downloads) {
        expect(download.status, b.output()).toBe(200);
        expect(Object.fromEntries(download.headers)).toMatchObject({
          'content-type': 'application/pdf',
          'content-length': String(scan.length),
          'content-disposition': `attachment; filename="Intake form.pdf"; filename*=UTF-8''Intake%20form.pdf`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        expect(Buffer.from(await download.arrayBuffer()).equals(scan)).toBe(true);
      }
      const audited = await handle.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type'])
        .where('practice_id', '=', practice.id)
        .where('action', '=', 'attachment.downloaded')
        .orderBy('actor_type')
        .execute();
      expect(audited).toEqual([
        { action: 'attachment.downloaded', actor_type: 'client' },
        { action: 'attachment.downloaded', actor_type: 'staff' },
      ]);
    });
  }
});
