import type { DateTimeFormat } from '../../../shared/date-time-format.js';
import { auditIn } from '../../platform/audit.js';
import type { Scope, StaffContext } from '../../platform/request-context.js';
import { practiceDateTimeFormat } from './practice-formats.js';
import { savePracticeDateTimeFormat } from './practice-formats.queries.js';
import { getPractice } from './practices.queries.js';

export async function getDateTimeFormat(ctx: Scope): Promise<DateTimeFormat> {
  return practiceDateTimeFormat(await getPractice(ctx));
}

/** Saves the owner's choice (both parts, so a later change of time zone no longer moves it); audited. */
export async function updateDateTimeFormat(ctx: StaffContext, format: DateTimeFormat): Promise<DateTimeFormat> {
  return ctx.inTransaction(async (tx) => {
    const before = practiceDateTimeFormat(await getPractice(tx));
    await savePracticeDateTimeFormat(tx, format);
    await auditIn(tx, {
      action: 'practice.date_time_format_updated',
      details: {
        dateOrder: format.dateOrder,
        clock: format.clock,
        previousDateOrder: before.dateOrder,
        previousClock: before.clock,
      },
    });
    return { dateOrder: format.dateOrder, clock: format.clock };
  });
}
