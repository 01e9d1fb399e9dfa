import { sql, type Kysely } from 'kysely';

/**
 * Invitations to join a practice's team (docs/decisions/025). An owner invites a person by name
 * and email with the roles they will have; the emailed link carries a random token of which only
 * the hash is kept. A resend replaces the hash (the earlier link stops working) and starts a new
 * seven days. Accepting or revoking stamps the row, so an invitation is used at most once.
 *
 * - `(practice_id, id)` is the key: every lookup by an owner is within their practice.
 * - `token_hash` is unique across Portico: the link is opened by someone not signed in yet.
 * - One pending invitation per practice and email: a partial unique index, so two owners inviting
 *   the same person at once cannot both succeed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_invitations')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('owner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clinician', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('biller', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheduler', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('invited_by', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('revoked_at', 'text')
    .addPrimaryKeyConstraint('staff_invitations_pk', ['practice_id', 'id'])
    .execute();
  await db.schema
    .createIndex('staff_invitations_token')
    .on('staff_invitations')
    .column('token_hash')
    .unique()
    .execute();
  await db.schema
    .createIndex('staff_invitations_one_pending')
    .on('staff_invitations')
    .columns(['practice_id', 'email'])
    .unique()
    .where(sql.ref('accepted_at'), 'is', null)
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_invitations').execute();
}
