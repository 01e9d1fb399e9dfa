import { z } from 'zod';
import { clocks, dateOrders } from '../date-time-format.js';

/** The practice's date and time format (see src/shared/date-time-format.ts). */
export const dateTimeFormat = z.strictObject({
  dateOrder: z.enum(dateOrders, { error: 'must be day-first or month-first' }),
  clock: z.enum(clocks, { error: 'must be 24-hour or 12-hour' }),
});
export type DateTimeFormatBody = z.infer<typeof dateTimeFormat>;
