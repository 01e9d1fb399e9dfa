import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OffsetClock } from './clock.js';

describe('OffsetClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-05T15:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads real time until it is moved', () => {
    const clock = new OffsetClock();
    expect(clock.now().toISOString()).toBe('2027-01-05T15:00:00.000Z');
    vi.setSystemTime(new Date('2027-01-05T15:00:30.000Z'));
    expect(clock.now().toISOString()).toBe('2027-01-05T15:00:30.000Z');
  });

  it('keeps following real time from where it was moved to', () => {
    const clock = new OffsetClock();
    clock.advanceMinutes(73 * 60);
    expect(clock.now().toISOString()).toBe('2027-01-08T16:00:00.000Z');
    vi.setSystemTime(new Date('2027-01-05T15:10:00.000Z'));
    expect(clock.now().toISOString()).toBe('2027-01-08T16:10:00.000Z');
    clock.advanceMinutes(5);
    expect(clock.now().toISOString()).toBe('2027-01-08T16:15:00.000Z');
  });
});
