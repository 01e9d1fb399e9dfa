import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { invite } from '../../../../test/helpers/portal.js';
import { SmtpSink } from '../../../../test/helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { MailWorker } from '../../platform/mail-worker.js';

const url = '/api/settings/date-time-format';

const fieldsOf = (body: { error: { fields: { field: string }[] } }) => body.error.fields.map((f) => f.field);

let t: TestApp;
let sink: SmtpSink;

beforeEach(async () => {
  sink = new SmtpSink();
  t = await buildTestApp({ SMTP_URL: await sink.start() });
});
afterEach(async () => {
  await t.close();
  await sink.stop();
});

describe('the practice date and time format', () => {
  it('starts from the time zone: United States month first and 12-hour, elsewhere day first and 24-hour', async () => {
    const us = await createPractice(t.deps, { timeZone: 'America/Chicago' });
    const uk = await createPractice(t.deps, { timeZone: 'Europe/London' });
    const usOwner = await signInAs(t.app, us.owner.email);
    const ukOwner = await signInAs(t.app, uk.owner.email);

    expect((await usOwner.get(url)).json()).toEqual({ dateOrder: 'month-first', clock: '12-hour' });
    expect((await ukOwner.get(url)).json()).toEqual({ dateOrder: 'day-first', clock: '24-hour' });
    // Both apps learn it with the practice, before any page renders.
    const session = (await usOwner.get('/api/session')).json<{ practice: { dateTimeFormat: unknown } }>();
    expect(session.practice.dateTimeFormat).toEqual({ dateOrder: 'month-first', clock: '12-hour' });
    const info = await t.app.inject({ method: 'GET', url: `/api/portal/${uk.slug}` });
    expect(info.json<{ practice: unknown }>().practice).toEqual({
      name: uk.name,
      slug: uk.slug,
      timeZone: 'Europe/London',
      dateTimeFormat: { dateOrder: 'day-first', clock: '24-hour' },
      // No logo yet (Settings → Practice profile).
      logoUrl: null,
    });
  });

  it('is changed by the owner, for this practice only, and audited', async () => {
    const practice = await createPractice(t.deps, { timeZone: 'Europe/Berlin' });
    const other = await createPractice(t.deps, { timeZone: 'Europe/Berlin' });
    const owner = await signInAs(t.app, practice.owner.email);

    const saved = await owner.put(url, { dateOrder: 'month-first', clock: '12-hour' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ dateOrder: 'month-first', clock: '12-hour' });
    expect((await owner.get(url)).json()).toEqual({ dateOrder: 'month-first', clock: '12-hour' });
    expect((await owner.get('/api/practice')).json<{ dateTimeFormat: unknown }>().dateTimeFormat).toEqual({
      dateOrder: 'month-first',
      clock: '12-hour',
    });
    const otherOwner = await signInAs(t.app, other.owner.email);
    expect((await otherOwner.get(url)).json()).toEqual({ dateOrder: 'day-first', clock: '24-hour' });

    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'practice.date_time_format_updated')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ practice_id: practice.id, actor_type: 'staff', actor_id: practice.owner.id });
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({
      dateOrder: 'month-first',
      clock: '12-hour',
      previousDateOrder: 'day-first',
      previousClock: '24-hour',
    });
  });

  it('may be read by any staff member but changed only by the owner', async () => {
    const practice = await createPractice(t.deps, { timeZone: 'Europe/Paris' });
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const agent = await signInAs(t.app, clinician.email);

    expect((await agent.get(url)).statusCode).toBe(200);
    expect((await agent.put(url, { dateOrder: 'month-first', clock: '12-hour' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const row = await t.deps.db
      .selectFrom('practices')
      .select(['date_order', 'clock'])
      .where('id', '=', practice.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ date_order: null, clock: null });
  });

  it('refuses anything but the two known values of each part, naming the field', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const bad = await owner.put(url, { dateOrder: 'year-first', clock: '12-hour' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['dateOrder']);
    const missing = await owner.put(url, { dateOrder: 'day-first' });
    expect(fieldsOf(missing.json())).toEqual(['clock']);
    expect((await owner.put(url, { dateOrder: 'day-first', clock: '24-hour', extra: 1 })).statusCode).toBe(400);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('practice_id', '=', practice.id)
      .execute();
    expect(audited.map((a) => a.action)).not.toContain('practice.date_time_format_updated');
  });

  it('is how emails write the time a link stops working, in the practice time zone', async () => {
    // The test clock reads 2 Mar 2026, 15:00 UTC; New York moves to summer time on 8 Mar.
    const practice = await createPractice(t.deps, { timeZone: 'America/New_York' });
    const owner = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    const email = client.emails[0];
    if (!email) throw new Error('factory client has no email');
    const worker = new MailWorker(t.deps);

    // Invitations last 7 days: until 9 Mar, 15:00 UTC = 11:00 in New York (EDT).
    expect((await invite(t.deps, owner, client.id, email.id)).statusCode).toBe(200);
    await worker.drain();
    const invitation = await sink.waitFor((m) => m.to.includes(email.address) && m.subject.includes('invitation'));
    expect(invitation.text).toContain('works for 7 days, until Mar 9, 2026, 11:00 AM.');
    expect(invitation.html).toContain('until Mar 9, 2026, 11:00 AM.');

    await owner.put(url, { dateOrder: 'day-first', clock: '24-hour' });
    // A sign-in link lasts 24 hours: until 3 Mar, 15:00 UTC = 10:00 in New York (still EST).
    const request = await t.app.inject({
      method: 'POST',
      url: `/api/portal/${practice.slug}/sign-in/request`,
      payload: { email: email.address },
    });
    expect(request.statusCode).toBe(200);
    await worker.drain();
    const link = await sink.waitFor((m) => m.to.includes(email.address) && m.subject.includes('sign-in link'));
    expect(link.text).toContain('It works once, for 24 hours, until 3 Mar 2026, 10:00.');
    await worker.stop();
  });
});
