import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { iso, type Clock } from './clock.js';

export interface WindowState {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Until the window starts over, in milliseconds. */
  remainingMs: number;
  /** When the window starts over: names the window, for `forgive`. */
  resetsAt: string;
}

/** How often each server instance deletes the rows of windows that ended. */
const sweepEveryMs = 60_000;

/**
 * Fixed-window hit counters kept in the database (migration 006), so every server instance on the
 * same database counts the same attempts. One statement per hit: an upsert that starts a new
 * window when the old one has ended and otherwise adds one, atomically on both databases. It runs
 * outside any request transaction, so a refused request still counts.
 */
export class RateWindows {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Sweeps on a timer of its own, so no request waits for the delete. A failed sweep is only
   * reported: the rows it left are ended windows, which a hit starts over anyway.
   */
  startSweeping(onError: (error: unknown) => void, everyMs = sweepEveryMs): void {
    this.stopSweeping();
    this.sweeper = setInterval(() => {
      this.sweep().catch(onError);
    }, everyMs);
    // A sweep due is no reason to keep the process alive.
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Deletes the windows that ended; answers how many. */
  async sweep(): Promise<number> {
    const result = await this.db
      .deleteFrom('rate_limit_windows')
      .where('resets_at', '<=', iso(this.clock.now()))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async hit(key: string, windowMs: number): Promise<WindowState> {
    const now = this.clock.now();
    const nowIso = iso(now);
    const resetsAt = iso(new Date(now.getTime() + windowMs));
    const row = await this.db
      .insertInto('rate_limit_windows')
      .values({ key, hits: 1, resets_at: resetsAt })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when rate_limit_windows.resets_at <= ${nowIso} then 1 else rate_limit_windows.hits + 1 end`,
          resets_at: sql<string>`case when rate_limit_windows.resets_at <= ${nowIso} then ${resetsAt} else rate_limit_windows.resets_at end`,
        }),
      )
      .returning(['hits', 'resets_at'])
      .executeTakeFirstOrThrow();
    return {
      hits: row.hits,
      remainingMs: Math.max(0, new Date(row.resets_at).getTime() - now.getTime()),
      resetsAt: row.resets_at,
    };
  }

  /**
   * Takes one hit back from the window `hit` answered, and from no later one: a hit counted just
   * before a window ended is not taken from the next.
   */
  async forgive(key: string, resetsAt: string): Promise<void> {
    await this.db
      .updateTable('rate_limit_windows')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('key', '=', key)
      .where('resets_at', '=', resetsAt)
      .where('hits', '>', 0)
      .execute();
  }
}
