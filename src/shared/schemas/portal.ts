import { z } from 'zod';
import { signInTokenFormat } from '../portal-links.js';
import { emailAddress } from './common.js';
import { portalPermissions } from './portal-access.js';
import { dateTimeFormat } from './practice-formats.js';

/** The practice as the portal knows it: its name, address, and how it writes dates and times. */
export const portalPractice = z.strictObject({
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  dateTimeFormat,
  /** Where its logo is served (Settings → Practice profile), or null: the portal shows its initials. */
  logoUrl: z.string().nullable(),
});

/** The client portal's own API, under /api/portal/:slug. */
export const portalSlugParams = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a portal address')
    .max(60),
});

export const portalInfo = z.strictObject({
  practice: portalPractice,
  enabled: z.boolean(),
});
export type PortalInfo = z.infer<typeof portalInfo>;

export const requestLinkBody = z.strictObject({ email: emailAddress });

export const tokenPattern = z.string().regex(signInTokenFormat, 'is not a valid sign-in link');

export const redeemLinkBody = z.strictObject({ token: tokenPattern });

export const redeemCodeBody = z.strictObject({
  email: emailAddress,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits from the email'),
});
export type RedeemCodeBody = z.infer<typeof redeemCodeBody>;

/** Why a link did not sign the client in; the page says which and offers a new link. */
export { linkProblems, type LinkProblem } from '../portal-links.js';

export const portalMe = z.strictObject({
  client: z.strictObject({
    // Opaque: names the browser's kept draft (so it comes back to this client only), never shown.
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    preferredName: z.string().nullable(),
  }),
  practice: portalPractice,
  permissions: portalPermissions,
  csrfToken: z.string(),
});
export type PortalMe = z.infer<typeof portalMe>;

/** Who is using the portal at this address: answered whether or not anyone is signed in there. */
export const portalSession = z.discriminatedUnion('signedIn', [
  z.strictObject({ signedIn: z.literal(true), me: portalMe }),
  // Whether the practice's portal is on: a portal switched off shows no sign-in form.
  z.strictObject({ signedIn: z.literal(false), portalEnabled: z.boolean() }),
]);
export type PortalSession = z.infer<typeof portalSession>;
