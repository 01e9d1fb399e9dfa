import { z } from 'zod';

/** The portal sign-in page with a fresh link's token, as a path on the address the demo was opened at. */
export const demoPortalLink = z.strictObject({ path: z.string() });
export type DemoPortalLink = z.infer<typeof demoPortalLink>;
