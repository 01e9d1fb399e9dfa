import { z } from 'zod';
import { auditKinds } from '../audit-actions.js';
import { idSchema } from './common.js';

export const auditActorTypes = ['staff', 'client', 'anonymous', 'system'] as const;

export const auditEntry = z.strictObject({
  id: z.string(),
  action: z.string(),
  /** The kind of action the filters group it under (null for an action no kind claims). */
  kind: z.enum(auditKinds).nullable(),
  actorType: z.enum(auditActorTypes),
  actorId: z.string().nullable(),
  /** The staff member's name, or the client's when a client acted. */
  actorName: z.string().nullable(),
  /** The client the entry concerns. */
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** A calendar day in the practice's time zone. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-04-23')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real date');

/** What the log shows: each filter optional, the dates in the practice's time zone, both included. */
const filterFields = {
  clientId: idSchema.optional(),
  staffId: idSchema.optional(),
  kind: z.enum(auditKinds, { error: `must be one of ${auditKinds.join(', ')}` }).optional(),
  from: day.optional(),
  to: day.optional(),
};

function checkRange(filters: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (filters.from && filters.to && filters.to < filters.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after the from date' });
  }
}

export const auditFilters = z.strictObject(filterFields).superRefine(checkRange);
export type AuditFilters = z.output<typeof auditFilters>;

export const auditQuery = z
  .strictObject({
    ...filterFields,
    /** The `nextBefore` of the previous page: the last entry's time and id. */
    before: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'must be the nextBefore of a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkRange);

export const auditPage = z.strictObject({
  items: z.array(auditEntry),
  nextBefore: z.string().nullable(),
});
export type AuditQuery = z.output<typeof auditQuery>;
export type AuditPage = z.infer<typeof auditPage>;

/** What the filters offer: the practice's staff, and the name of the client filtered on. */
export const auditFilterOptionsQuery = z.strictObject({ clientId: idSchema.optional() });
export const auditFilterOptions = z.strictObject({
  staff: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  client: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
});
export type AuditFilterOptions = z.infer<typeof auditFilterOptions>;

/** The export's rows, at most: a larger selection is refused with a request to narrow the filters. */
export const auditExportLimit = 100_000;
