/** Time comes from a clock object so tests can move it; production uses the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function iso(date: Date): string {
  return date.toISOString();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export class ManualClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current = addMinutes(this.current, minutes);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

/**
 * Real time plus an offset that can be moved forward: for a running server under a browser test,
 * where time must keep passing (sessions, rate limits and the outbox read the same clock) and a
 * test can jump it ahead, e.g. past a hold on an appointment request.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceMinutes(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
}
