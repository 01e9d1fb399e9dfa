/**
 * Faults the security suite found in the server, one test each, so each stays fixed even if the
 * broader suites (fuzz, headers) change.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import type { Message } from '../../src/shared/schemas/messages.js';
import { postMessage, sampleFiles } from '../helpers/messages.js';
import { cspDirectives } from './checks.js';
import { practiceWithPortalClients, storedFiles, type SecurityPractice } from './world.js';

let t: TestApp;
let p: SecurityPractice;
beforeAll(async () => {
  t = await buildTestApp();
  p = await practiceWithPortalClients(t, 1);
});
afterAll(async () => {
  await t.close();
});

describe('hardening', () => {
  it('answers a path the router cannot read like any other refusal, with the security headers', async () => {
    // Fastify answered these itself, before any hook: its own error shape, no CSP, no no-store.
    for (const url of ['/api/clients/%zz', `/api/clients/${'a'.repeat(300)}`, '/api/portal/%E0%A4%A/me']) {
      const response = await t.app.inject({ url, headers: { cookie: p.staff.cookie } });
      expect(response.statusCode, url).toBe(400);
      expect(response.json(), url).toEqual({
        error: { code: 'bad_request', message: 'The request could not be understood.' },
      });
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(cspDirectives(response.headers['content-security-policy']).get('frame-ancestors'), url).toEqual([
        "'none'",
      ]);
    }
  });

  it('keeps API answers out of caches however the path is spelled', async () => {
    // The router decodes %-escapes, so /%61pi/clients is /api/clients, and it carries client data.
    for (const url of [
      '/%61pi/clients?status=all',
      '/api/%63lients?status=all',
      `/%61pi/clients/${p.clients[0]?.client.id ?? ''}`,
    ]) {
      const response = await t.app.inject({ url, headers: { cookie: p.staff.cookie } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('reads the client session on the portal API however the path is spelled', async () => {
    const client = p.clients[0];
    if (!client) throw new Error('no client');
    const response = await t.app.inject({
      url: `/api/%70ortal/${p.practice.slug}/me`,
      headers: { cookie: client.agent.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    // …and a staff session still counts for nothing there.
    const staff = await t.app.inject({
      url: `/api/%70ortal/${p.practice.slug}/me`,
      headers: { cookie: p.staff.cookie },
    });
    expect(staff.statusCode, staff.body).toBe(401);
  });

  it('lets a downloaded attachment never be framed', async () => {
    const attachment = p.clients[0]?.messages[0].attachmentId ?? '';
    const response = await p.staff.get(`/api/attachments/${attachment}`);
    expect(response.statusCode).toBe(200);
    const csp = cspDirectives(response.headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('sandbox')).toBe(true);
  });

  it.each([
    ['report.html ', 'html'],
    ['x.html\u200b', 'html'],
    ['x.exe\u202e', 'exe'],
  ])('refuses a PDF named %j: the name is checked as it would be stored, shown and saved', async (name, extension) => {
    // These were stored as report.html, x.html and x.exe: the check read the raw name, which ends
    // in no extension, and the invisible end was removed only afterwards.
    const client = p.clients[0];
    if (!client) throw new Error('no client');
    const attachmentsBefore = await t.deps.db.selectFrom('message_attachments').select('id').execute();
    const filesBefore = await storedFiles(t);
    for (const [agent, url] of [
      [client.agent, `/api/portal/${p.practice.slug}/messages`],
      [p.staff, `/api/clients/${client.client.id}/messages`],
    ] as const) {
      const response = await postMessage(agent, url, {
        body: 'see attached',
        files: [{ name, data: sampleFiles.pdf() }],
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({
        error: {
          code: 'validation_failed',
          fields: [{ field: 'attachments.0', message: `is a PDF but its name ends in .${extension}` }],
        },
      });
    }
    expect(await t.deps.db.selectFrom('message_attachments').select('id').execute()).toEqual(attachmentsBefore);
    expect(await storedFiles(t)).toEqual(filesBefore);
  });

  it('stores an attachment under the name that was checked, and sends that name when downloaded', async () => {
    const client = p.clients[0];
    if (!client) throw new Error('no client');
    const names = ['ｌｅｔｔｅｒ．ｐｄｆ\u200b ', '\u202e\u2066', `${'long '.repeat(60)}.pdf`];
    const response = await postMessage(client.agent, `/api/portal/${p.practice.slug}/messages`, {
      body: '',
      files: names.map((name) => ({ name, data: sampleFiles.pdf() })),
    });
    expect(response.statusCode, response.body).toBe(201);
    const stored = `${'long '.repeat(39)}l.pdf`;
    expect(stored).toHaveLength(200);
    const expected = ['letter.pdf', 'attachment.pdf', stored];
    const message = response.json<Message>();
    expect(message.attachments.map((a) => a.fileName)).toEqual(expected);
    for (const [i, attachment] of message.attachments.entries()) {
      const row = await t.deps.db
        .selectFrom('message_attachments')
        .select('file_name')
        .where('id', '=', attachment.id)
        .executeTakeFirstOrThrow();
      expect(row.file_name).toBe(expected[i]);
      const download = await p.staff.get(`/api/attachments/${attachment.id}`);
      expect(download.statusCode).toBe(200);
      const name = expected[i] ?? '';
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    }
  });

  it('serves the app pages to be revalidated, not cached for a year like the hashed assets', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'portico-web-'));
    try {
      for (const dir of ['staff', 'portal', 'assets']) mkdirSync(path.join(root, dir));
      writeFileSync(path.join(root, 'staff/index.html'), '<!doctype html><p>staff</p>');
      writeFileSync(path.join(root, 'portal/index.html'), '<!doctype html><p>portal</p>');
      writeFileSync(path.join(root, 'assets/app-abc123.js'), '1;');
      const web = await buildApp(t.deps, { webRoot: root });
      try {
        for (const url of ['/', '/clients', `/portal/${p.practice.slug}`]) {
          const page = await web.inject({ url });
          expect(page.headers['content-type'], url).toMatch(/^text\/html/);
          expect(page.headers['cache-control'], url).toBe('no-cache');
        }
        expect((await web.inject({ url: '/assets/app-abc123.js' })).headers['cache-control']).toBe(
          'public, max-age=31536000, immutable',
        );
      } finally {
        await web.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a NUL character in any JSON field, query value or path parameter, which PostgreSQL cannot store', async () => {
    // On PostgreSQL these were 500s (the insert or the search failed); on SQLite the NUL was stored.
    const before = await t.deps.db.selectFrom('clients').select('id').execute();
    const created = await p.staff.post('/api/clients', { firstName: 'Ada\u0000', lastName: 'Lovelace', emails: [] });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        fields: [{ field: 'firstName', message: 'must not contain a null character' }],
      },
    });
    expect(await t.deps.db.selectFrom('clients').select('id').execute()).toEqual(before);
    const searched = await p.staff.get('/api/clients?q=ada%00');
    expect(searched.json()).toMatchObject({ error: { fields: [{ field: 'q' }] } });
    const nested = await p.staff.post('/api/clients', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: [{ address: 'a\u0000@x.test', type: 'home', emailOk: true, isPrimary: true }],
    });
    expect(nested.json()).toMatchObject({ error: { fields: [{ field: 'emails.0.address' }] } });
    const settings = await p.staff.put('/api/settings/portal', {
      enabled: true,
      defaults: { appointments: true, messaging: true, billing: false, pay: false },
      welcomeMessage: 'Welcome\u0000',
    });
    expect(settings.statusCode, settings.body).toBe(400);
    const param = await p.staff.get('/api/clients/%00');
    expect(param.statusCode, param.body).toBe(400);
  });
});
