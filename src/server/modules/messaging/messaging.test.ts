import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationsPage, Message, MessagePage, StaffConversation } from '../../../shared/schemas/messages.js';
import type { PortalMe } from '../../../shared/schemas/portal.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createConversation } from '../../../../test/factories/messages.js';
import { createPortalAccess } from '../../../../test/factories/portal.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { messagingWorld, postMessage, sampleFiles } from '../../../../test/helpers/messages.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { MessageNotifier } from './message-notifier.js';
import { keepSearchRows } from '../clients/index.js';
import { systemScope } from '../../platform/request-context.js';
import { diskDirectoryOf } from '../../platform/open-file-store.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function rowCounts() {
  const [messages, attachments] = await Promise.all([
    t.deps.db.selectFrom('messages').select('id').execute(),
    t.deps.db.selectFrom('message_attachments').select('id').execute(),
  ]);
  return { messages: messages.length, attachments: attachments.length };
}

async function storedFiles(): Promise<number> {
  const root = diskDirectoryOf(t.deps.config.files);
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

describe('a conversation between staff and a client', () => {
  it('delivers both ways with unread counts, read state and the inbox', async () => {
    const w = await messagingWorld(t);
    const sent = await postMessage(w.staff, w.staffUrl, { body: 'Hello Ada,\nsee you Tuesday.' });
    expect(sent.statusCode, sent.body).toBe(201);
    const message = sent.json<Message>();
    expect(message).toMatchObject({
      sender: 'staff',
      body: 'Hello Ada,\nsee you Tuesday.',
      readAt: null,
      attachments: [],
    });

    expect((await w.clientAgent.get(`${w.portalUrl}/unread`)).json()).toEqual({ unreadCount: 1 });
    const page = (await w.clientAgent.get(w.portalUrl)).json<MessagePage>();
    expect(page.items.map((m) => m.id)).toEqual([message.id]);
    expect(page.items[0]?.senderName).toBe(w.practice.owner.name);

    const read = await w.clientAgent.post(`${w.portalUrl}/read`, { upTo: message.id });
    expect(read.statusCode, read.body).toBe(200);
    expect((await w.clientAgent.get(`${w.portalUrl}/unread`)).json()).toEqual({ unreadCount: 0 });
    const seen = (await w.staff.get(w.staffUrl)).json<MessagePage>();
    expect(seen.items[0]?.readAt).not.toBeNull();

    t.deps.clock.advanceMinutes(1);
    const reply = await postMessage(w.clientAgent, w.portalUrl, { body: 'Thanks! <b>see you</b>' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<Message>()).toMatchObject({ sender: 'client', body: 'Thanks! <b>see you</b>' });

    const inbox = (await w.staff.get('/api/conversations')).json<ConversationsPage>();
    expect(inbox.items).toEqual([
      expect.objectContaining({
        clientId: w.client.id,
        lastSender: 'client',
        lastMessagePreview: 'Thanks! <b>see you</b>',
        unreadCount: 1,
        messagingEnabled: true,
      }),
    ]);
    expect((await w.staff.get('/api/conversations/unread')).json()).toEqual({ unreadConversations: 1 });
    const view = (await w.staff.get(`/api/clients/${w.client.id}/conversation`)).json<StaffConversation>();
    expect(view).toMatchObject({ canSend: true, blockedReason: null, unreadCount: 1, messagingEnabled: true });
    expect(view.portalUrl).toBe(`http://portico.test/portal/${w.practice.slug}`);

    const search = (
      await w.staff.get(`/api/conversations?q=${encodeURIComponent(w.client.lastName.slice(0, 3))}`)
    ).json<ConversationsPage>();
    expect(search.items).toHaveLength(1);
    expect((await w.staff.get('/api/conversations?q=zzzznobody')).json<ConversationsPage>().items).toEqual([]);
  });

  it('pages 120 messages newest first without gaps, and reading up to one leaves newer ones unread', async () => {
    const w = await messagingWorld(t);
    // The test clock stands still: messages in the same millisecond still keep their order.
    const sent = await createConversation(
      t.deps,
      w.practice.id,
      w.client.id,
      Array.from({ length: 120 }, (_, i) => ({ from: 'staff' as const, body: `message ${i}` })),
    );
    const ids = sent.map((m) => m.id);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const url: string = `${w.portalUrl}?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const page: MessagePage = (await w.clientAgent.get(url)).json<MessagePage>();
      seen.push(...page.items.map((m) => m.id));
      before = page.nextBefore;
    } while (before);
    expect(seen).toEqual([...ids].reverse());

    await w.clientAgent.post(`${w.portalUrl}/read`, { upTo: ids[99] });
    expect((await w.clientAgent.get(`${w.portalUrl}/unread`)).json()).toEqual({ unreadCount: 20 });
  });

  it('audits sending, reading and downloading without the text', async () => {
    const w = await messagingWorld(t);
    const sent = (
      await postMessage(w.staff, w.staffUrl, {
        body: 'Private words',
        files: [{ name: 'plan.pdf', data: sampleFiles.pdf() }],
      })
    ).json<Message>();
    await w.clientAgent.get(w.portalUrl);
    await w.clientAgent.get(`/api/portal/${w.practice.slug}/attachments/${sent.attachments[0]?.id}`);
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('client_id', '=', w.client.id).execute();
    const actions = rows.map((r) => `${r.actor_type} ${r.action}`);
    expect(actions).toEqual(
      expect.arrayContaining(['staff message.sent', 'client messages.viewed', 'client attachment.downloaded']),
    );
    expect(JSON.stringify(rows)).not.toContain('Private words');
  });

  it.each([
    ['keeps no search rows', false],
    ['keeps search rows', true],
  ])('searches the inbox as client search does when the practice %s', async (_label, keepsRows) => {
    const w = await messagingWorld(t);
    const other = await createClient(t.deps, w.practice.id, { firstName: 'Zoë', lastName: "O'Néill-Park" });
    await createPortalAccess(t.deps, w.practice.id, other.id, { state: 'active' });
    await createConversation(t.deps, w.practice.id, other.id, 2);
    await createConversation(t.deps, w.practice.id, w.client.id, 1);
    if (keepsRows) {
      await t.deps.db.transaction().execute((trx) => keepSearchRows(systemScope(trx, w.practice.id)));
    }
    const names = async (q: string) =>
      (await w.staff.get(`/api/conversations?q=${encodeURIComponent(q)}`))
        .json<ConversationsPage>()
        .items.map((item) => item.clientId);
    // Any word of the name, from its start, without accents or case; every term must match.
    expect(await names('zoe')).toEqual([other.id]);
    expect(await names('NEI')).toEqual([other.id]);
    expect(await names('park zo')).toEqual([other.id]);
    expect(await names('eill')).toEqual([]);
    expect(await names('zoe smith-nobody')).toEqual([]);
    expect(await names(w.client.lastName.slice(0, 3))).toEqual([w.client.id]);
    expect(await names('%')).toEqual([]);
  });

  it('keeps billers out of clinical messages', async () => {
    const w = await messagingWorld(t);
    const biller = await createStaff(t.deps, w.practice.id, { roles: ['biller'] });
    const agent = await signInAs(t.app, biller.email);
    // The inbox as a whole is refused; a client's conversation is as if it did not exist.
    expect((await agent.get('/api/conversations')).statusCode).toBe(403);
    expect((await agent.get(w.staffUrl)).statusCode).toBe(404);
  });
});

describe('attachments', () => {
  it('accepts PDF, PNG, JPEG and HEIC by content and serves them only to the conversation', async () => {
    const w = await messagingWorld(t);
    const files = [
      { name: 'letter.pdf', data: sampleFiles.pdf() },
      { name: 'photo.PNG', data: sampleFiles.png() },
      { name: 'scan.jpeg', data: sampleFiles.jpeg() },
      { name: 'IMG_0001.HEIC', data: sampleFiles.heic() },
      { name: 'no-extension', data: sampleFiles.pdf() },
    ];
    const sent = await postMessage(w.clientAgent, w.portalUrl, { body: '', files });
    expect(sent.statusCode, sent.body).toBe(201);
    const message = sent.json<Message>();
    expect(message.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['letter.pdf', 'application/pdf'],
      ['photo.PNG', 'image/png'],
      ['scan.jpeg', 'image/jpeg'],
      ['IMG_0001.HEIC', 'image/heic'],
      ['no-extension.pdf', 'application/pdf'],
    ]);
    const inbox = (await w.staff.get('/api/conversations')).json<ConversationsPage>();
    expect(inbox.items[0]?.lastMessagePreview).toBe('Attachment: letter.pdf');

    const id = message.attachments[0]?.id ?? '';
    const download = await w.staff.get(`/api/attachments/${id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="letter.pdf"; filename*=UTF-8''letter.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.rawPayload.equals(sampleFiles.pdf())).toBe(true);
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/attachments/${id}`)).statusCode).toBe(200);

    // Another client of the same practice, and another practice's staff: not found.
    const other = await messagingWorldForSecondClient(w.practice.id, w.staff);
    expect((await other.get(`/api/portal/${w.practice.slug}/attachments/${id}`)).statusCode).toBe(404);
    const otherPractice = await createPractice(t.deps);
    const outsider = await signInAs(t.app, otherPractice.owner.email);
    const answer = await outsider.get(`/api/attachments/${id}`);
    expect(answer.statusCode).toBe(404);
    expect(answer.body).toBe('{"error":{"code":"not_found","message":"Not found."}}');
  });

  it.each([
    [
      'a text file',
      [{ name: 'notes.pdf', data: sampleFiles.text() }],
      'attachments.0',
      'must be a PDF, PNG, JPEG or HEIC file',
    ],
    [
      'a program named as a PDF',
      [{ name: 'invoice.pdf', data: sampleFiles.exe() }],
      'attachments.0',
      'must be a PDF, PNG, JPEG or HEIC file',
    ],
    [
      'a PDF named as a picture',
      [{ name: 'photo.png', data: sampleFiles.pdf() }],
      'attachments.0',
      'is a PDF but its name ends in .png',
    ],
    ['an empty file', [{ name: 'empty.pdf', data: Buffer.alloc(0) }], 'attachments.0', 'is empty'],
    [
      'a bad second file',
      [
        { name: 'ok.pdf', data: sampleFiles.pdf() },
        { name: 'bad.png', data: sampleFiles.text() },
      ],
      'attachments.1',
      'must be a PDF, PNG, JPEG or HEIC file',
    ],
  ])('refuses %s, storing nothing', async (_label, files, field, message) => {
    const w = await messagingWorld(t);
    const response = await postMessage(w.clientAgent, w.portalUrl, { body: 'see attached', files });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ field, message }] } });
    expect(await rowCounts()).toEqual({ messages: 0, attachments: 0 });
    expect(await storedFiles()).toBe(0);
  });

  it('refuses a file over 10 MB with 413 and six files with 400', async () => {
    const w = await messagingWorld(t);
    const big = Buffer.concat([sampleFiles.pdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await postMessage(w.staff, w.staffUrl, { body: 'big', files: [{ name: 'big.pdf', data: big }] });
    expect(tooBig.statusCode, tooBig.body).toBe(413);
    expect(tooBig.json()).toMatchObject({ error: { code: 'payload_too_large', fields: [{ field: 'attachments.0' }] } });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, data: sampleFiles.pdf() }));
    const tooMany = await postMessage(w.staff, w.staffUrl, { body: 'many', files: six });
    expect(tooMany.statusCode, tooMany.body).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: { fields: [{ field: 'attachments' }] } });
    expect(await rowCounts()).toEqual({ messages: 0, attachments: 0 });
    expect(await storedFiles()).toBe(0);
  });

  async function messagingWorldForSecondClient(
    practiceId: string,
    staff: Awaited<ReturnType<typeof messagingWorld>>['staff'],
  ) {
    const second = await createClient(t.deps, practiceId);
    const { invite, latestPortalEmail, redeemLink } = await import('../../../../test/helpers/portal.js');
    await invite(t.deps, staff, second.id, second.emails[0]?.id ?? '');
    const { token } = await latestPortalEmail(t.deps, second.emails[0]?.address ?? '');
    const practice = await t.deps.db
      .selectFrom('practices')
      .selectAll()
      .where('id', '=', practiceId)
      .executeTakeFirstOrThrow();
    const { agent } = await redeemLink(
      t.app,
      { id: practice.id, name: practice.name, slug: practice.slug, owner: { id: '', email: '', name: '' } },
      token,
    );
    if (!agent) throw new Error('second client could not sign in');
    return agent;
  }
});

describe('message text', () => {
  it.each([
    ['empty', '', 'is required'],
    ['only spaces and newlines', '  \n\n ', 'is required'],
    ['10,001 characters', 'x'.repeat(10_001), 'must be at most 10,000 characters'],
  ])('refuses a message that is %s', async (_label, body, message) => {
    const w = await messagingWorld(t);
    const response = await postMessage(w.staff, w.staffUrl, { body });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'validation_failed', fields: [{ field: 'body', message }] },
    });
    expect(await rowCounts()).toEqual({ messages: 0, attachments: 0 });
  });

  it('accepts exactly 10,000 characters and keeps line breaks', async () => {
    const w = await messagingWorld(t);
    const body = `${'a'.repeat(4999)}\n${'b'.repeat(5000)}`;
    const response = await postMessage(w.staff, w.staffUrl, { body });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Message>().body).toBe(body);
  });

  it('refuses JSON, unknown fields and a read marker from another conversation', async () => {
    const w = await messagingWorld(t);
    const json = await w.staff.post(w.staffUrl, { body: 'hello' });
    expect(json.statusCode).toBe(415);
    const unknown = await postMessage(w.staff, w.staffUrl, { body: 'hi', extra: { senderId: 'me' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { fields: [{ field: 'senderId', message: 'is not a known field' }] },
    });
    const mark = await w.clientAgent.post(`${w.portalUrl}/read`, { upTo: '00000000-0000-4000-8000-000000000000' });
    expect(mark.statusCode).toBe(400);
    expect(mark.json()).toMatchObject({ error: { fields: [{ field: 'upTo' }] } });
    expect(await rowCounts()).toEqual({ messages: 0, attachments: 0 });
  });
});

describe('when messaging is off', () => {
  it('hides everything from the client, tells staff why, and shows the history again when on', async () => {
    const w = await messagingWorld(t);
    await postMessage(w.staff, w.staffUrl, { body: 'Before the switch' });
    const off = await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: true,
      messaging: false,
      billing: true,
      pay: false,
    });
    expect(off.statusCode, off.body).toBe(200);

    for (const response of [
      await w.clientAgent.get(w.portalUrl),
      await w.clientAgent.get(`${w.portalUrl}/unread`),
      await postMessage(w.clientAgent, w.portalUrl, { body: 'let me in' }),
    ]) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden', reason: 'messaging_off' } });
    }
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/me`)).json<PortalMe>().permissions.messaging).toBe(
      false,
    );
    const view = (await w.staff.get(`/api/clients/${w.client.id}/conversation`)).json<StaffConversation>();
    expect(view).toMatchObject({ messagingEnabled: false, canSend: false, blockedReason: 'client_messaging_off' });
    const refused = await postMessage(w.staff, w.staffUrl, { body: 'hello?' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { reason: 'client_messaging_off' } });

    await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: true,
      messaging: true,
      billing: true,
      pay: false,
    });
    const again = (await w.clientAgent.get(w.portalUrl)).json<MessagePage>();
    expect(again.items.map((m) => m.body)).toEqual(['Before the switch']);
  });

  it('lets the practice switch override every client', async () => {
    const w = await messagingWorld(t);
    const settings = await w.staff.get('/api/settings/portal');
    const body = settings.json<{ enabled: boolean; defaults: unknown; welcomeMessage: string }>();
    const saved = await w.staff.put('/api/settings/portal', {
      enabled: body.enabled,
      defaults: body.defaults,
      welcomeMessage: body.welcomeMessage,
      messagingEnabled: false,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ messagingEnabled: false });
    expect((await w.clientAgent.get(w.portalUrl)).statusCode).toBe(403);
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/me`)).json<PortalMe>().permissions.messaging).toBe(
      false,
    );
    const view = (await w.staff.get(`/api/clients/${w.client.id}/conversation`)).json<StaffConversation>();
    expect(view).toMatchObject({ canSend: false, blockedReason: 'practice_messaging_off' });
    // A save that does not mention the switch leaves it as it is.
    await w.staff.put('/api/settings/portal', {
      enabled: body.enabled,
      defaults: body.defaults,
      welcomeMessage: body.welcomeMessage,
    });
    expect((await w.staff.get('/api/settings/portal')).json()).toMatchObject({ messagingEnabled: false });
  });

  it('lets staff write to an invited client but not to one without access', async () => {
    const w = await messagingWorld(t);
    const uninvited = await createClient(t.deps, w.practice.id);
    const view = (await w.staff.get(`/api/clients/${uninvited.id}/conversation`)).json<StaffConversation>();
    expect(view).toMatchObject({ canSend: false, blockedReason: 'no_portal_access' });
    expect((await postMessage(w.staff, `/api/clients/${uninvited.id}/messages`, { body: 'hi' })).statusCode).toBe(403);
  });
});

describe('unread notifications', () => {
  async function outboxOf(kind: string) {
    return t.deps.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();
  }

  it('emails the client once for several unread messages, after five minutes, without the content', async () => {
    const w = await messagingWorld(t);
    const notifier = new MessageNotifier(t.deps);
    await postMessage(w.staff, w.staffUrl, { body: 'First secret line' });
    t.deps.clock.advanceMinutes(2);
    await postMessage(w.staff, w.staffUrl, { body: 'Second secret line' });
    t.deps.clock.advanceMinutes(2);
    expect(await notifier.runDue()).toBe(0);
    t.deps.clock.advanceMinutes(1);
    expect(await notifier.runDue()).toBe(1);
    t.deps.clock.advanceMinutes(10);
    await postMessage(w.staff, w.staffUrl, { body: 'Third, still unread' });
    t.deps.clock.advanceMinutes(10);
    expect(await notifier.runDue()).toBe(0);

    const emails = await outboxOf('message_waiting_client');
    expect(emails).toHaveLength(1);
    const email = emails[0];
    expect(email?.to_address).toBe(w.email.address);
    expect(email?.subject).toBe(`New secure message from ${w.practice.name}`);
    expect(email?.text).toMatch(/#token=[\w-]+/);
    for (const secret of ['secret', 'Third']) {
      expect(email?.text).not.toContain(secret);
      expect(email?.html).not.toContain(secret);
    }
  });

  it('sends nothing when the message is read in time, and starts over after reading', async () => {
    const w = await messagingWorld(t);
    const notifier = new MessageNotifier(t.deps);
    const first = (await postMessage(w.staff, w.staffUrl, { body: 'one' })).json<Message>();
    t.deps.clock.advanceMinutes(4);
    await w.clientAgent.post(`${w.portalUrl}/read`, { upTo: first.id });
    t.deps.clock.advanceMinutes(10);
    expect(await notifier.runDue()).toBe(0);
    await postMessage(w.staff, w.staffUrl, { body: 'two' });
    t.deps.clock.advanceMinutes(5);
    expect(await notifier.runDue()).toBe(1);
    expect(await outboxOf('message_waiting_client')).toHaveLength(1);
  });

  it("emails the client's assigned clinicians about a client message, and no one else", async () => {
    const w = await messagingWorld(t);
    const notifier = new MessageNotifier(t.deps);
    await postMessage(w.clientAgent, w.portalUrl, { body: 'Question for you' });
    t.deps.clock.advanceMinutes(5);
    expect(await notifier.runDue()).toBe(1);
    // The factory's client has the owner as its primary clinician.
    const [toOwner] = await outboxOf('message_waiting_staff');
    expect(toOwner?.to_address).toBe(w.practice.owner.email);
    expect(toOwner?.text).toContain(`/messages/${w.client.id}`);
    expect(toOwner?.text).not.toContain('Question');
    expect(toOwner?.text).not.toContain(w.client.lastName);

    const clinician = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    const unassigned = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    const assigned = await w.staff.put(`/api/clients/${w.client.id}/clinicians`, {
      primaryId: clinician.id,
      otherIds: [w.practice.owner.id],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const clinicianAgent = await signInAs(t.app, clinician.email);
    const latest = (await clinicianAgent.get(w.staffUrl)).json<MessagePage>().items[0];
    await clinicianAgent.post(`${w.staffUrl}/read`, { upTo: latest?.id });
    await postMessage(clinicianAgent, w.staffUrl, { body: 'Answer' });
    t.deps.clock.advanceMinutes(1);
    await postMessage(w.clientAgent, w.portalUrl, { body: 'Follow-up' });
    t.deps.clock.advanceMinutes(5);
    await notifier.runDue();
    const toStaff = (await outboxOf('message_waiting_staff')).map((e) => e.to_address);
    expect(toStaff.slice(1).sort()).toEqual([w.practice.owner.email, clinician.email].sort());
    expect(toStaff).not.toContain(unassigned.email);
  });

  it('does not email a client whose messaging was switched off meanwhile', async () => {
    const w = await messagingWorld(t);
    const notifier = new MessageNotifier(t.deps);
    await postMessage(w.staff, w.staffUrl, { body: 'hello' });
    await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: true,
      messaging: false,
      billing: true,
      pay: false,
    });
    t.deps.clock.advanceMinutes(6);
    expect(await notifier.runDue()).toBe(0);
    expect(await outboxOf('message_waiting_client')).toEqual([]);
  });
});
