import type { Kysely } from 'kysely';

/**
 * What became of each emailed link, so the Client Portal tab can say it rather than guess:
 * - `claimed_by`: set when a sign-in uses the link up, to the id of the link or code the client
 *   signed in with (its own id when it was this one). Signing in uses up all of a client's unused
 *   links at once, so `used_at` alone cannot tell the one used from the ones it replaced.
 * - `revoked_reason`: why `revoked_at` was set (access disabled, the portal email changed…).
 * Rows from before stay null: a used link without `claimed_by` is shown as used, a revoked one
 * without a reason as cancelled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('portal_tokens').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('portal_tokens').addColumn('revoked_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('portal_tokens').dropColumn('revoked_reason').execute();
  await db.schema.alterTable('portal_tokens').dropColumn('claimed_by').execute();
}
