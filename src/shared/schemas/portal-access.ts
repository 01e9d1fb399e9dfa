import { z } from 'zod';

/** Per-client permissions, named as the product names them. */
export const portalPermissions = z.strictObject({
  appointments: z.boolean(),
  messaging: z.boolean(),
  billing: z.boolean(),
  pay: z.boolean(),
});
export type PortalPermissions = z.infer<typeof portalPermissions>;

export const portalStates = ['not_invited', 'invited', 'active', 'disabled'] as const;
export type PortalStateName = (typeof portalStates)[number];

export const deliveryStatuses = ['queued', 'sending', 'sent', 'failed', 'withdrawn'] as const;

/**
 * What became of an emailed invitation or sign-in link, derived from its token and outbox rows:
 * - `queued`, `sending`: the email is waiting for, or being handed to, the mail server;
 * - `sent`: the mail server accepted it and the link still works;
 * - `failed`: the mail server refused it for good (`lastError` holds its reply);
 * - `used`: the client signed in with it (`stateAt`);
 * - `replaced`: it stopped working because the client signed in with another link or code
 *   (`replacedBy: 'other_sign_in'`, `stateAt`) or newer links were sent (`replacedBy: 'newer_links'`);
 * - `expired`: it was never used and its time ran out (`stateAt` = when);
 * - `cancelled`: it was revoked before use (`cancelReason`, `stateAt`).
 */
export const invitationStates = [
  'queued',
  'sending',
  'sent',
  'failed',
  'used',
  'replaced',
  'expired',
  'cancelled',
] as const;
export type InvitationState = (typeof invitationStates)[number];

/**
 * Why an invitation was cancelled: staff disabled access, the portal email's address was changed
 * or the email removed in Client Info, or a new invitation went to another of the client's emails.
 */
export const invitationCancelReasons = ['access_disabled', 'email_changed', 'email_removed', 'email_moved'] as const;

export const portalInvitation = z.strictObject({
  id: z.string(),
  kind: z.enum(['invitation', 'link']),
  sentTo: z.string(),
  createdAt: z.string(),
  state: z.enum(invitationStates),
  /** When it reached its state (sent, used, replaced by a sign-in, expired, cancelled); null when not known. */
  stateAt: z.string().nullable(),
  /** When the link stops working, unused. */
  expiresAt: z.string(),
  /** For `cancelled`; null on links cancelled before reasons were recorded. */
  cancelReason: z.enum(invitationCancelReasons).nullable(),
  replacedBy: z.enum(['other_sign_in', 'newer_links']).nullable(),
  /** The outbox's delivery status, whatever the state (a cancelled link's email may still be queued). */
  delivery: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

export const portalEvent = z.strictObject({
  id: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});

/** Everything the Client Portal tab shows. */
export const portalAccessView = z.strictObject({
  state: z.enum(portalStates),
  practicePortalEnabled: z.boolean(),
  portalUrl: z.string(),
  email: z.strictObject({ id: z.string().nullable(), address: z.string() }).nullable(),
  eligibleEmails: z.array(z.strictObject({ id: z.string(), address: z.string(), isPrimary: z.boolean() })),
  permissions: portalPermissions,
  /** Pay outstanding balance takes effect only with billing access and an active payments account. */
  payEffective: z.boolean(),
  payUnavailableReason: z.string().nullable(),
  firstInvitedAt: z.string().nullable(),
  lastInvitedAt: z.string().nullable(),
  firstSignedInAt: z.string().nullable(),
  lastSignedInAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
  defaultMessage: z.string(),
  invitations: z.array(portalInvitation),
  events: z.array(portalEvent),
});
export type PortalAccessView = z.infer<typeof portalAccessView>;

export const welcomeMessage = z.string().trim().min(1, 'is required').max(2000, 'must be at most 2000 characters');

export const sendInvitationBody = z.strictObject({
  emailId: z.uuid({ error: 'must be one of the client’s emails' }),
  message: welcomeMessage,
});
export type SendInvitationBody = z.infer<typeof sendInvitationBody>;

export const sendSignInLinkBody = z.strictObject({});

export const signInCode = z.strictObject({ code: z.string().regex(/^\d{6}$/), expiresAt: z.string() });
export type SignInCode = z.infer<typeof signInCode>;

export const portalSettings = z.strictObject({
  enabled: z.boolean(),
  portalUrl: z.string(),
  defaults: portalPermissions,
  welcomeMessage: z.string(),
  paymentsActive: z.boolean(),
  /** Secure messaging for the whole practice; off overrides every client's permission. */
  messagingEnabled: z.boolean(),
});
export type PortalSettings = z.infer<typeof portalSettings>;

export const portalSettingsBody = z.strictObject({
  enabled: z.boolean(),
  defaults: portalPermissions,
  welcomeMessage,
  /** Absent leaves the practice's messaging switch as it is. */
  messagingEnabled: z.boolean().optional(),
});
export type PortalSettingsBody = z.infer<typeof portalSettingsBody>;
