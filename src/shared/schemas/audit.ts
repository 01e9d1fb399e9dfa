import { z } from 'zod';

export const auditEntry = z.strictObject({
  id: z.string(),
  action: z.string(),
  actorType: z.enum(['staff', 'client', 'anonymous', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  clientId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.strictObject({
  clientId: z.uuid().optional(),
  /** The `nextBefore` of the previous page: the last entry's time and id. */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'must be the nextBefore of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditPage = z.strictObject({
  items: z.array(auditEntry),
  nextBefore: z.string().nullable(),
});
export type AuditQuery = z.output<typeof auditQuery>;
export type AuditPage = z.infer<typeof auditPage>;
