import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../../test/factories/practices.js';
import { invite, latestPortalEmail, portalWorld } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

// Rate limits on the portal's sign-in codes (decision 011): someone who knows only a client's email
// may slow the client down for a minute, never longer, and still cannot guess codes quickly.

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const attacker = '203.0.113.66';
const clientAddress = '198.51.100.20';

async function invitedClient() {
  const world = await portalWorld(t.app, t.deps);
  await invite(t.deps, world.staff, world.client.id, world.email.id);
  return world;
}

function useCode(slug: string, email: string, code: string, ip: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/sign-in/code`,
    payload: { email, code },
    remoteAddress: ip,
  });
}

function requestLink(slug: string, email: string, ip: string) {
  t.deps.clock.advanceMinutes(1 / 60);
  return t.app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/sign-in/request`,
    payload: { email },
    remoteAddress: ip,
  });
}

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');
const retryAfter = (response: LightMyRequestResponse) => Number(response.headers['retry-after']);

describe('sign-in code limits', () => {
  it('twelve wrong codes at one practice’s portal leave the right code for the same email at another practice working', async () => {
    const { practice, email } = await invitedClient();
    const elsewhere = await createPractice(t.deps);
    const { code } = await latestPortalEmail(t.deps, email.address);
    for (let i = 0; i < 12; i += 1) await useCode(elsewhere.slug, email.address, wrongFor(code), attacker);

    const right = await useCode(practice.slug, email.address, code, clientAddress);
    expect(right.statusCode, right.body).toBe(200);
  });

  it('wrong codes from one address hold the right code from another back for a minute at most', async () => {
    const { practice, email } = await invitedClient();
    const invitation = await latestPortalEmail(t.deps, email.address);
    const guesses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      guesses.push((await useCode(practice.slug, email.address, wrongFor(invitation.code), attacker)).statusCode);
    }
    expect(guesses).toEqual([...Array<number>(10).fill(400), 429, 429]);

    // The flood may slow the client down, for the rest of the minute...
    const meanwhile = await useCode(practice.slug, email.address, invitation.code, clientAddress);
    expect(meanwhile.statusCode).toBe(429);
    expect(retryAfter(meanwhile)).toBeLessThanOrEqual(60);
    t.deps.clock.advanceMinutes(1);
    // ...and burned the code it guessed at (five wrong tries, decision 005), so the client asks for a
    // new one, which works.
    expect((await useCode(practice.slug, email.address, invitation.code, clientAddress)).statusCode).toBe(400);
    expect((await requestLink(practice.slug, email.address, clientAddress)).statusCode).toBe(200);
    const fresh = await latestPortalEmail(t.deps, email.address);
    const right = await useCode(practice.slug, email.address, fresh.code, clientAddress);
    expect(right.statusCode, right.body).toBe(200);

    // The guessing address itself stays refused.
    const again = await useCode(practice.slug, email.address, '123456', attacker);
    expect(again.statusCode).toBe(429);
    expect(retryAfter(again)).toBeGreaterThan(60);
  });

  it('ten wrong codes at once are checked against a code no more than its five tries allow', async () => {
    const { practice, client, email } = await invitedClient();
    const { code } = await latestPortalEmail(t.deps, email.address);
    // From ten addresses, all inside the practice and email's ten a minute.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => useCode(practice.slug, email.address, wrongFor(code), `203.0.113.${i + 1}`)),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array<number>(10).fill(400));
    // Each guess checked against the code spends one of its tries: five, however many arrived at once.
    const tries = await t.deps.db
      .selectFrom('portal_tokens')
      .select('code_attempts')
      .where('client_id', '=', client.id)
      .execute();
    expect(tries.map((row) => row.code_attempts)).toEqual([5]);
  });

  it('stop one address guessing codes for many emails after ten wrong ones, for 15 minutes, while others go on', async () => {
    const { practice, email } = await invitedClient();
    const { code } = await latestPortalEmail(t.deps, email.address);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      // Twelve seconds apart: slower than the per-route limit of 20 requests a minute notices.
      t.deps.clock.advanceMinutes(0.2);
      statuses.push((await useCode(practice.slug, `guess${i}@example.test`, '123456', attacker)).statusCode);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(400), 429]);

    t.deps.clock.advanceMinutes(2);
    const later = await useCode(practice.slug, 'guess-later@example.test', '123456', attacker);
    expect(later.statusCode).toBe(429);
    expect(retryAfter(later)).toBeGreaterThan(60);
    expect((await useCode(practice.slug, email.address, code, clientAddress)).statusCode).toBe(200);

    t.deps.clock.advanceMinutes(15);
    expect((await useCode(practice.slug, 'guess-after@example.test', '123456', attacker)).statusCode).toBe(400);
  });
});
