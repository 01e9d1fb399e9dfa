import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { sampleFiles } from '../../../../test/helpers/messages.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { AttachmentSweeper } from '../messaging/attachment-sweeper.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const webp = (): Buffer =>
  Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18)]);

async function logoForm(name: string, data: Buffer, field = 'logo') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)], { type: 'image/png' }), name);
  const request = new Request('http://portico.test/', { method: 'PUT', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

async function uploadLogo(agent: Agent, name: string, data: Buffer, field = 'logo') {
  const { payload, contentType } = await logoForm(name, data, field);
  return agent.request('PUT', '/api/settings/practice/logo', payload, { headers: { 'content-type': contentType } });
}

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { fields?: { field: string; message: string }[] } }).error.fields ?? [];

async function auditActions(practiceId: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'details', 'actor_id'])
    .where('practice_id', '=', practiceId)
    .orderBy('created_at')
    .execute();
  return rows;
}

const profile = (slug: string) => ({
  name: 'Harbour Counselling',
  address: '12 Quay Street\nBoston, MA 02110',
  phone: '(617) 555-0142',
  timeZone: 'America/New_York',
  slug,
});

describe('Practice profile', () => {
  it('lets the owner save name, address, phone (E.164), time zone and portal address, audited', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const saved = await owner.put('/api/settings/practice', profile('harbour-new'));
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      name: 'Harbour Counselling',
      address: '12 Quay Street\nBoston, MA 02110',
      phone: '+16175550142',
      phoneDisplay: '(617) 555-0142',
      timeZone: 'America/New_York',
      slug: 'harbour-new',
      portalUrl: 'http://portico.test/portal/harbour-new',
      logoUrl: null,
    });
    const session = await owner.get('/api/session');
    expect(session.json()).toMatchObject({ practice: { name: 'Harbour Counselling', slug: 'harbour-new' } });
    const actions = await auditActions(practice.id);
    const updated = actions.find((row) => row.action === 'practice.profile_updated');
    expect(JSON.parse(updated?.details ?? '{}')).toEqual({ fields: 'name, address, phone, slug' });
    expect(updated?.actor_id).toBe(practice.owner.id);
    const moved = actions.find((row) => row.action === 'practice.portal_address_changed');
    expect(JSON.parse(moved?.details ?? '{}')).toEqual({ from: practice.slug, to: 'harbour-new' });
    // The old portal address no longer finds the practice; the new one does.
    expect((await t.app.inject({ method: 'GET', url: `/api/portal/${practice.slug}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/harbour-new' })).statusCode).toBe(200);
  });

  it('names each invalid field, parses the phone in the time zone’s region, and refuses a taken address', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const invalid = await owner.put('/api/settings/practice', {
      name: ' ',
      address: 'x'.repeat(401),
      phone: 'not a phone ☎',
      timeZone: 'Mars/Olympus',
      slug: 'Bad Slug',
      role: 'owner',
    });
    expect(invalid.statusCode).toBe(400);
    expect(fieldsOf(invalid.body).map((f) => f.field)).toEqual(
      expect.arrayContaining(['name', 'address', 'phone', 'timeZone', 'slug', 'role']),
    );
    // 020 7946 0958 is a London number: valid for a practice in Europe/London, not in New York.
    const london = await owner.put('/api/settings/practice', {
      ...profile(practice.slug),
      phone: '020 7946 0958',
      timeZone: 'Europe/London',
    });
    expect(london.json()).toMatchObject({ phone: '+442079460958', phoneDisplay: '020 7946 0958' });
    const newYork = await owner.put('/api/settings/practice', { ...profile(practice.slug), phone: '020 7946 0958' });
    expect(newYork.statusCode).toBe(400);
    expect(fieldsOf(newYork.body).map((f) => f.field)).toEqual(['phone']);

    const taken = await owner.put('/api/settings/practice', profile(other.slug));
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken.body)).toEqual([{ field: 'slug', message: 'is already taken' }]);
    // Keeping its own address is no conflict; upper case is read as lower case, as at setup.
    const own = await owner.put('/api/settings/practice', profile(practice.slug.toUpperCase()));
    expect(own.statusCode).toBe(200);
  });

  it('lets every staff member read it and only the owner change it', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const agent = await signInAs(t.app, clinician.email);
    const read = await agent.get('/api/settings/practice');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ slug: practice.slug });
    expect((await agent.put('/api/settings/practice', profile('taken-by-clinician'))).statusCode).toBe(403);
    expect((await uploadLogo(agent, 'logo.png', sampleFiles.png())).statusCode).toBe(403);
    expect((await agent.request('DELETE', '/api/settings/practice/logo', {})).statusCode).toBe(403);
    const row = await t.deps.db.selectFrom('practices').selectAll().where('id', '=', practice.id).executeTakeFirst();
    expect(row).toMatchObject({ slug: practice.slug, logo_id: null });
  });

  it('keeps each practice’s profile its own', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    await owner.put('/api/settings/practice', profile(practice.slug));
    const otherOwner = await signInAs(t.app, other.owner.email);
    expect((await otherOwner.get('/api/settings/practice')).json()).toMatchObject({ name: other.name, address: null });
  });
});

describe('Practice logo', () => {
  it('stores a PNG, JPEG or WebP read from its bytes, serves it cached with its type, replaces and removes it', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);

    // The name says WebP, the bytes say PNG: the bytes decide.
    const png = await uploadLogo(owner, 'brand.webp', sampleFiles.png());
    expect(png.statusCode).toBe(200);
    const pngUrl = png.json<{ logoUrl: string }>().logoUrl;
    expect(pngUrl).toMatch(new RegExp(`^/api/practice-logos/${practice.id}/[0-9a-f-]{36}$`));
    const served = await t.app.inject({ method: 'GET', url: pngUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(sampleFiles.png())).toBe(true);

    // The portal (signed in or not) names the logo.
    const info = await t.app.inject({ method: 'GET', url: `/api/portal/${practice.slug}` });
    expect(info.json()).toMatchObject({ practice: { logoUrl: pngUrl } });

    const jpeg = await uploadLogo(owner, 'logo', sampleFiles.jpeg());
    const jpegUrl = jpeg.json<{ logoUrl: string }>().logoUrl;
    expect(jpegUrl).not.toBe(pngUrl);
    expect((await t.app.inject({ method: 'GET', url: jpegUrl })).headers['content-type']).toBe('image/jpeg');
    // The replaced logo's address answers 404 and its file is gone.
    const old = await t.app.inject({ method: 'GET', url: pngUrl });
    expect(old.statusCode).toBe(404);
    expect(old.headers['cache-control']).toBe('no-store');

    const webpUpload = await uploadLogo(owner, 'logo.png', webp());
    const webpUrl = webpUpload.json<{ logoUrl: string }>().logoUrl;
    expect((await t.app.inject({ method: 'GET', url: webpUrl })).headers['content-type']).toBe('image/webp');

    const removed = await owner.request('DELETE', '/api/settings/practice/logo', {});
    expect(removed.json()).toMatchObject({ logoUrl: null });
    expect((await t.app.inject({ method: 'GET', url: webpUrl })).statusCode).toBe(404);

    const actions = (await auditActions(practice.id)).map((row) => row.action);
    expect(actions.filter((a) => a.startsWith('practice.logo'))).toEqual([
      'practice.logo_added',
      'practice.logo_replaced',
      'practice.logo_replaced',
      'practice.logo_removed',
    ]);
  });

  it('refuses what is not an image it accepts, an oversized file and a wrong field, naming the field', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    for (const data of [
      sampleFiles.pdf(),
      sampleFiles.text(),
      sampleFiles.heic(),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ]) {
      const refused = await uploadLogo(owner, 'logo.png', data);
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused.body)).toEqual([{ field: 'logo', message: 'must be a PNG, JPEG or WebP image' }]);
    }
    const big = await uploadLogo(owner, 'big.png', Buffer.concat([sampleFiles.png(), Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(fieldsOf(big.body)).toEqual([{ field: 'logo', message: 'must be at most 1 MB' }]);
    const wrongField = await uploadLogo(owner, 'logo.png', sampleFiles.png(), 'picture');
    expect(wrongField.statusCode).toBe(400);
    expect(fieldsOf(wrongField.body).map((f) => f.field)).toEqual(['picture']);
    const row = await t.deps.db
      .selectFrom('practices')
      .select('logo_id')
      .where('id', '=', practice.id)
      .executeTakeFirst();
    expect(row?.logo_id).toBeNull();
  });

  it('answers 404 for another practice’s logo id and keeps logos through the sweep of unreferenced files', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const url = (await uploadLogo(owner, 'logo.png', sampleFiles.png())).json<{ logoUrl: string }>().logoUrl;
    const logoId = url.split('/').at(-1) ?? '';
    expect((await t.app.inject({ method: 'GET', url: `/api/practice-logos/${other.id}/${logoId}` })).statusCode).toBe(
      404,
    );
    // Swept as if an hour later: the current logo stays.
    const sweeper = new AttachmentSweeper(t.deps, () => new Date(Date.now() + 2 * 60 * 60_000));
    await sweeper.sweep();
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
  });
});
