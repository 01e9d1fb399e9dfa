/**
 * What a portal sign-in link carries, without zod, so the page an emailed link opens can check it
 * before anything else loads. The schemas in schemas/portal.ts use the same values.
 */

/** The token in a sign-in link's fragment: URL-safe base64, as the server makes it. */
export const signInTokenFormat = /^[A-Za-z0-9_-]{20,100}$/;

/** Why a sign-in link did not open a session (`error.reason` of the server's answer). */
export const linkProblems = ['used', 'expired', 'superseded', 'invalid', 'unavailable'] as const;
export type LinkProblem = (typeof linkProblems)[number];
