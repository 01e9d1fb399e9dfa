import { z } from 'zod';
import { practiceSummary, staffRoles } from './auth.js';
import { emailAddress, idSchema, optionalText, requiredText } from './common.js';

/** Roles as the API takes them: at least one, each once, answered in `staffRoles` order. */
export const teamRoles = z
  .array(z.enum(staffRoles, { error: 'must be owner, clinician, biller or scheduler' }))
  .min(1, 'must include at least one role')
  .max(staffRoles.length)
  .transform((roles) => staffRoles.filter((role) => roles.includes(role)));

/** A member of the practice's team (an account with a membership), active or deactivated. */
export const teamMember = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(staffRoles)),
  status: z.enum(['active', 'deactivated']),
  lastSignInAt: z.string().nullable(),
  /** Two-factor sign-in is on for the account. */
  twoFactor: z.boolean(),
  /** The signed-in owner themself. */
  you: z.boolean(),
});
export type TeamMember = z.infer<typeof teamMember>;

/** An invitation not accepted or revoked yet ("invited"); past `expiresAt` it can only be resent or revoked. */
export const teamInvitation = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(staffRoles)),
  status: z.literal('invited'),
  sentAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});
export type TeamInvitation = z.infer<typeof teamInvitation>;

/** Settings → Team: the members, then the pending invitations. */
export const team = z.strictObject({
  members: z.array(teamMember),
  invitations: z.array(teamInvitation),
});
export type Team = z.infer<typeof team>;

export const inviteBody = z.strictObject({
  name: requiredText(120),
  email: emailAddress,
  roles: teamRoles,
  message: optionalText(1000),
});
export type InviteBody = z.input<typeof inviteBody>;

export const rolesBody = z.strictObject({ roles: teamRoles });
export type RolesBody = z.input<typeof rolesBody>;

export const teamIdParams = z.strictObject({ id: idSchema });

const invitationToken = z.string().min(20, 'is not a valid link').max(200, 'is not a valid link');

/** The accept page asks what the link is for before showing its form. */
export const invitationTokenBody = z.strictObject({ token: invitationToken });

/** What the invitation link opens: whom it invites where, and whether they already have an account. */
export const invitationPreview = z.strictObject({
  practiceName: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(staffRoles)),
  invitedBy: z.string(),
  message: z.string().nullable(),
  /** The email already signs in to Portico (another practice's team): accept with that password. */
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

/**
 * Accepting: a new person chooses a password (the password policy, checked by the server once it
 * knows the email has no account); someone who already has a Portico account confirms it is them
 * with that account's password.
 */
export const acceptInvitationBody = z.strictObject({
  token: invitationToken,
  password: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBody>;

/** The practices the signed-in account may switch to (its active memberships). */
export const myPractice = practiceSummary.pick({ id: true, name: true }).extend({ current: z.boolean() });
export const myPractices = z.array(myPractice);
export type MyPractice = z.infer<typeof myPractice>;

export const switchPracticeBody = z.strictObject({ practiceId: idSchema });
export type SwitchPracticeBody = z.infer<typeof switchPracticeBody>;
