import { DateTime } from 'luxon';
import type { Context } from '../../platform/request-context.js';
import { getPractice } from '../practices/index.js';

/** Today's date in the practice's time zone by the context's clock, YYYY-MM-DD. */
export async function practiceToday(ctx: Context): Promise<string> {
  const practice = await getPractice(ctx);
  const now = ctx.clock.now();
  return DateTime.fromJSDate(now).setZone(practice.time_zone).toISODate() ?? now.toISOString().slice(0, 10);
}
