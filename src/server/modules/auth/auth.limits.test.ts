import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice, factoryPassword } from '../../../../test/factories/practices.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

// Rate limits on staff sign-in and password reset (decision 011): someone who knows only a staff
// member's email may slow them down for a minute, never longer, and still cannot guess quickly.

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const attacker = '203.0.113.66';
const ownerAddress = '198.51.100.20';

function signIn(email: string, password: string, ip: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress: ip });
}

function forgotPassword(email: string, ip: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email }, remoteAddress: ip });
}

const retryAfter = (response: LightMyRequestResponse) => Number(response.headers['retry-after']);

describe('staff sign-in limits', () => {
  it('six anonymous password-reset requests, even repeated, leave the owner’s sign-in working', async () => {
    const { owner } = await createPractice(t.deps);
    const resets: number[] = [];
    // From the owner's own address, too: reset requests count apart from sign-ins.
    for (let i = 0; i < 6; i += 1) resets.push((await forgotPassword(owner.email, ownerAddress)).statusCode);
    expect(resets).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await signIn(owner.email, factoryPassword, ownerAddress)).statusCode).toBe(200);

    for (let i = 0; i < 6; i += 1) await forgotPassword(owner.email, ownerAddress);
    const signedIn = await signIn(owner.email, factoryPassword, ownerAddress);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
  });

  it('wrong passwords from an attacker hold the right password back for a minute at most', async () => {
    const { owner } = await createPractice(t.deps);
    const guesses: number[] = [];
    for (let i = 0; i < 12; i += 1)
      guesses.push((await signIn(owner.email, `wrong password ${i}`, attacker)).statusCode);
    expect(guesses).toEqual([...Array<number>(10).fill(401), 429, 429]);

    const meanwhile = await signIn(owner.email, factoryPassword, ownerAddress);
    expect(meanwhile.statusCode).toBe(429);
    expect(retryAfter(meanwhile)).toBeLessThanOrEqual(60);
    t.deps.clock.advanceMinutes(1);
    const right = await signIn(owner.email, factoryPassword, ownerAddress);
    expect(right.statusCode, right.body).toBe(200);

    // The guessing address itself stays refused.
    const again = await signIn(owner.email, 'wrong password again', attacker);
    expect(again.statusCode).toBe(429);
    expect(retryAfter(again)).toBeGreaterThan(60);
  });

  it('many addresses between them get ten wrong passwords a minute per account, then the account waits out the minute', async () => {
    const { owner } = await createPractice(t.deps);
    for (let i = 0; i < 10; i += 1) {
      expect((await signIn(owner.email, 'wrong password', `203.0.113.${i + 1}`)).statusCode).toBe(401);
    }
    // Not even the right password is checked now: a guess that could succeed would be a free one.
    const refused = await signIn(owner.email, factoryPassword, ownerAddress);
    expect(refused.statusCode).toBe(429);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    t.deps.clock.advanceMinutes(1);
    expect((await signIn(owner.email, factoryPassword, ownerAddress)).statusCode).toBe(200);
  });

  it('stop one address trying passwords across accounts after ten wrong ones, for 15 minutes', async () => {
    const { owner } = await createPractice(t.deps);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      t.deps.clock.advanceMinutes(0.2);
      statuses.push((await signIn(`someone${i}@example.test`, 'Summer2026!', attacker)).statusCode);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    t.deps.clock.advanceMinutes(2);
    const later = await signIn(owner.email, 'Summer2026!', attacker);
    expect(later.statusCode).toBe(429);
    expect(retryAfter(later)).toBeGreaterThan(60);
    expect((await signIn(owner.email, factoryPassword, ownerAddress)).statusCode).toBe(200);

    t.deps.clock.advanceMinutes(15);
    expect((await signIn(owner.email, 'Summer2026!', attacker)).statusCode).toBe(401);
  });

  it('count only wrong passwords: a busy office on one address keeps its ten wrong tries', async () => {
    const { owner } = await createPractice(t.deps);
    for (let i = 0; i < 12; i += 1)
      expect((await signIn(owner.email, factoryPassword, ownerAddress)).statusCode).toBe(200);
    const wrong: number[] = [];
    for (let i = 0; i < 11; i += 1) wrong.push((await signIn(owner.email, 'wrong password', ownerAddress)).statusCode);
    expect(wrong).toEqual([...Array<number>(10).fill(401), 429]);
  });
});
