import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * A client's clinicians: one primary and optional others (at most ten in all). Each must be an
 * active member of the practice with the clinician role; the primary is not listed among the others.
 */
export const clinicianAssignment = z
  .strictObject({
    primaryId: idSchema,
    otherIds: z.array(idSchema).max(9, 'must list at most 9 other clinicians').default([]),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>([value.primaryId]);
    value.otherIds.forEach((id, index) => {
      if (seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['otherIds', index],
          message: id === value.primaryId ? 'is already the primary clinician' : 'is listed twice',
        });
      }
      seen.add(id);
    });
  });
export type ClinicianAssignment = z.infer<typeof clinicianAssignment>;

export const assignedClinician = z.strictObject({
  staffId: idSchema,
  name: z.string(),
  isPrimary: z.boolean(),
});
export type AssignedClinician = z.infer<typeof assignedClinician>;

/** The client's clinicians, the primary first. */
export const clientClinicians = z.strictObject({ clinicians: z.array(assignedClinician) });
export type ClientClinicians = z.infer<typeof clientClinicians>;

/** A clinician of the practice who can be assigned to clients. */
export const clinicianOption = z.strictObject({ id: idSchema, name: z.string() });
export type ClinicianOption = z.infer<typeof clinicianOption>;
