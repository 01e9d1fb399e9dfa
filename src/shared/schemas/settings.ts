import { z } from 'zod';
import { looksLikePhone, phoneMessage } from '../phone.js';
import { password, slugSchema, staffRoles, timeZoneSchema } from './auth.js';
import { emailAddress, optionalText, requiredText } from './common.js';

/** Logos: PNG, JPEG or WebP, checked from the bytes, at most 1 MB. */
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof logoTypes)[number];
export const logoMaxBytes = 1024 * 1024;

/** Settings → Practice profile: what every staff member may read. */
export const practiceProfile = z.strictObject({
  name: z.string(),
  address: z.string().nullable(),
  /** E.164, or null. */
  phone: z.string().nullable(),
  /** The phone as the practice writes it (national format). */
  phoneDisplay: z.string().nullable(),
  timeZone: z.string(),
  slug: z.string(),
  portalUrl: z.string(),
  /** Where the logo is served (changes with each new logo), or null without one. */
  logoUrl: z.string().nullable(),
});
export type PracticeProfile = z.infer<typeof practiceProfile>;

/** What the owner saves; the phone is parsed in the region of the time zone and stored in E.164. */
export const practiceProfileBody = z.strictObject({
  name: requiredText(120),
  address: optionalText(400),
  phone: optionalText(40).refine((value) => value === null || looksLikePhone(value), phoneMessage),
  timeZone: timeZoneSchema,
  slug: slugSchema,
});
export type PracticeProfileBody = z.infer<typeof practiceProfileBody>;

export const logoParams = z.strictObject({
  practiceId: z.uuid({ error: 'must be a valid id' }),
  logoId: z.uuid({ error: 'must be a valid id' }),
});

/** Settings → My account: the signed-in staff member's own account. */
export const myAccount = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(staffRoles)),
  /** A new email waiting for its confirmation link to be used, or null. */
  pendingEmail: z.string().nullable(),
});
export type MyAccount = z.infer<typeof myAccount>;

export const accountNameBody = z.strictObject({ name: requiredText(120) });

export const currentPassword = z.string().min(1, 'is required').max(200, 'must be at most 200 characters');

export const emailChangeBody = z.strictObject({ email: emailAddress, currentPassword });
export type EmailChangeBody = z.infer<typeof emailChangeBody>;

export const confirmEmailBody = z.strictObject({
  token: z.string().min(20, 'is not a valid link').max(200, 'is not a valid link'),
});

export const passwordChangeBody = z.strictObject({ currentPassword, newPassword: password });
export type PasswordChangeBody = z.infer<typeof passwordChangeBody>;

/** One of the staff member's signed-in browsers. */
export const accountSession = z.strictObject({
  /** Names the session without revealing its cookie or its stored hash. */
  id: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSession>;

export const accountSessionParams = z.strictObject({
  id: z.string().regex(/^[a-f0-9]{32}$/, 'is not a session'),
});

export const signedOutCount = z.strictObject({ signedOut: z.number().int() });
