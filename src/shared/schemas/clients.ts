import { z } from 'zod';
import { clinicianAssignment } from './client-clinicians.js';
import { looksLikePhone, phoneMessage } from '../phone.js';
import { emailAddress, optionalText, paginated, requiredText } from './common.js';
import { dueDate, packetTemplateIds } from './documents.js';
import { portalStates, welcomeMessage } from './portal-access.js';

export const emailTypes = ['home', 'work', 'other'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 1990-04-23')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date <= new Date();
  }, 'must be a real date, not in the future');

export const clientEmailInput = z.strictObject({
  /** Present when the email already exists, so edits keep its identity. */
  id: z.uuid().optional(),
  address: emailAddress,
  type: z.enum(emailTypes),
  emailOk: z.boolean(),
  isPrimary: z.boolean(),
});

const clientFields = {
  firstName: requiredText(100),
  lastName: requiredText(100),
  preferredName: optionalText(100),
  dateOfBirth: isoDate.nullish().transform((v) => v ?? null),
  /**
   * Checked here as far as can be without the practice: the service then parses it in the
   * practice's region (src/shared/phone.ts) and stores it in E.164.
   */
  phone: optionalText(40).refine((value) => value === null || looksLikePhone(value), phoneMessage),
  emails: z.array(clientEmailInput).max(10, 'must have at most 10 emails'),
};

/** One primary email when there are any, and no address listed twice. */
function checkEmails(
  client: { emails: readonly { address: string; isPrimary: boolean }[] },
  ctx: z.RefinementCtx,
): void {
  const primaries = client.emails.filter((e) => e.isPrimary).length;
  if (client.emails.length > 0 && primaries !== 1) {
    ctx.addIssue({ code: 'custom', path: ['emails'], message: 'must have exactly one primary email' });
  }
  const seen = new Set<string>();
  client.emails.forEach((email, index) => {
    if (seen.has(email.address)) {
      ctx.addIssue({ code: 'custom', path: ['emails', index, 'address'], message: 'is listed twice' });
    }
    seen.add(email.address);
  });
}

export const clientInput = z.strictObject(clientFields).superRefine(checkEmails);

/**
 * Creating a client may also invite them to the Client Portal, in the same transaction: the
 * welcome email goes to the primary email when it has Email OK on, else to the first that has.
 * The invitation may carry documents to share (a packet, in order, with an optional due date):
 * they are shared in that transaction too, and the welcome email says they are waiting. Documents
 * come only with an invitation, so a new client is never asked for documents with no way in.
 */
export const createClientBody = z
  .strictObject({
    ...clientFields,
    portalInvitation: z
      .strictObject({
        message: z.string().trim().min(1, 'is required').max(2000, 'must be at most 2000 characters'),
        documents: z
          .strictObject({
            templateIds: packetTemplateIds,
            dueDate: dueDate.nullish().transform((v) => v ?? null),
          })
          .nullish()
          .transform((v) => v ?? null),
      })
      .nullish()
      .transform((v) => v ?? null),
    /**
     * The client's clinicians, chosen by an owner or a scheduler. Left out, a clinician adding the
     * client becomes its primary clinician; an owner or scheduler must choose.
     */
    clinicians: clinicianAssignment.nullish().transform((v) => v ?? null),
  })
  .superRefine((client, ctx) => {
    checkEmails(client, ctx);
    if (client.portalInvitation && !client.emails.some((e) => e.emailOk)) {
      ctx.addIssue({
        code: 'custom',
        path: ['portalInvitation'],
        message: 'needs an email with Email OK on',
      });
    }
  });
export type CreateClientBody = z.infer<typeof createClientBody>;

/**
 * Editing a client. Client Portal access follows its address: when the edit takes away the address
 * the access (invited or active) uses — the portal email's address changed in place, or that email
 * removed — the access is disabled in the same transaction: its sessions end, its links and codes
 * die. With `resendPortalInvitation` ("Yes, Disable and Resend") a new invitation goes at once to
 * `to`, one of the emails listed here with Email OK on; it is refused when the edit leaves the
 * portal address in place, as there is then no access to move.
 */
export const updateClientBody = z
  .strictObject({
    ...clientFields,
    resendPortalInvitation: z
      .strictObject({ to: emailAddress, message: welcomeMessage })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((client, ctx) => {
    checkEmails(client, ctx);
    const resend = client.resendPortalInvitation;
    if (resend && !client.emails.some((e) => e.emailOk && e.address === resend.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resendPortalInvitation', 'to'],
        message: 'must be one of the client’s emails with Email OK on',
      });
    }
  });
export type UpdateClientBody = z.infer<typeof updateClientBody>;

export type ClientInput = z.infer<typeof clientInput>;

export const clientEmail = z.strictObject({
  id: z.string(),
  address: z.string(),
  type: z.enum(emailTypes),
  emailOk: z.boolean(),
  isPrimary: z.boolean(),
});
export type ClientEmail = z.infer<typeof clientEmail>;

export const client = z.strictObject({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  emails: z.array(clientEmail),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof client>;

export const clientListItem = z.strictObject({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  phone: z.string().nullable(),
  /** The client's Client Portal access state (`not_invited` when they have no access row). */
  portalState: z.enum(portalStates),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ClientListItem = z.infer<typeof clientListItem>;

export const clientSorts = ['name', '-name', 'created', '-created'] as const;

export const clientListQuery = z.strictObject({
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  sort: z.enum(clientSorts).default('name'),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  /** Only the clients whose Client Portal access is in this state; all states when absent. */
  portal: z.enum(portalStates).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ClientListQuery = z.infer<typeof clientListQuery>;

/**
 * A search counts its matches up to this number and no further (docs/decisions/006): beyond it the
 * list says "more than 1,000" and asks for a narrower search instead of counting every match.
 */
export const clientSearchCountLimit = 1000;

export const clientList = paginated(clientListItem).extend({
  /** True when more clients match the search than `total` (then clientSearchCountLimit) says. */
  totalCapped: z.boolean(),
});
export type ClientList = z.infer<typeof clientList>;
