/**
 * How big the fault tests run. `npm test` runs them small (a few seconds each); `npm run
 * test:faults` sets FAULT_SCALE=full and runs them at the size the issue asks for.
 */
export const fullScale = process.env.FAULT_SCALE === 'full';

export function scaled<T>(small: T, full: T): T {
  return fullScale ? full : small;
}

/** Prints a figure line for the run's record (the full-size run quotes these). */
export function report(line: string): void {
  console.log(`[faults${fullScale ? ' full' : ''}] ${line}`);
}
