import { z } from 'zod';
import { emailAddress, requiredText } from './common.js';
import { dateTimeFormat } from './practice-formats.js';

export const staffRoles = ['owner', 'clinician', 'biller', 'scheduler'] as const;

export const password = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'must be at least 3 characters')
  .max(60, 'must be at most 60 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'may contain only lowercase letters, digits and single hyphens');

export const timeZoneSchema = z
  .string()
  .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
    error: 'must be a known time zone',
  });

/** Creating a practice with its owner: the first-run setup and later sign-ups. */
export const createPracticeBody = z.strictObject({
  practice: z.strictObject({
    name: requiredText(120),
    timeZone: timeZoneSchema,
    slug: slugSchema,
  }),
  owner: z.strictObject({
    name: requiredText(120),
    email: emailAddress,
    password,
  }),
});
export type CreatePracticeBody = z.infer<typeof createPracticeBody>;

export const signInBody = z.strictObject({
  email: emailAddress,
  password: z.string().min(1, 'is required').max(200),
});
export type SignInBody = z.infer<typeof signInBody>;

export const forgotPasswordBody = z.strictObject({ email: emailAddress });
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBody>;

export const resetPasswordBody = z.strictObject({
  token: z.string().min(20, 'is not a valid link').max(200, 'is not a valid link'),
  password,
});
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

export const practiceSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  dateTimeFormat,
});
export type PracticeSummary = z.infer<typeof practiceSummary>;

export const staffSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  /** Their roles in the practice they are signed in to (combinable, in `staffRoles` order). */
  roles: z.array(z.enum(staffRoles)),
});
export type StaffSummary = z.infer<typeof staffSummary>;
export type StaffRole = (typeof staffRoles)[number];

/**
 * Only on the server `npm run demo` starts (DEMO=1): the sign-in page shows these credentials,
 * and the demo practice's staff see the banner that opens the portal as `portalClient`.
 */
export const demoState = z.strictObject({
  email: z.string(),
  password: z.string(),
  /** The demo client the banner opens the portal as; null unless signed in to the demo practice. */
  portalClient: z.strictObject({ name: z.string() }).nullable(),
});
export type DemoState = z.infer<typeof demoState>;

/** What the staff app asks on load: is setup needed, may practices sign up, who am I. */
export const sessionState = z.strictObject({
  setupRequired: z.boolean(),
  signupAllowed: z.boolean(),
  devMailbox: z.boolean(),
  demo: demoState.nullable(),
  staff: staffSummary.nullable(),
  practice: practiceSummary.nullable(),
  /** The signed-in account's two-factor; `setupRequired` while the session may do nothing but set it up. */
  twoFactor: z.strictObject({ enabled: z.boolean(), setupRequired: z.boolean() }).nullable(),
  csrfToken: z.string().nullable(),
});
export type SessionState = z.infer<typeof sessionState>;
