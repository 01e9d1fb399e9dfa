import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

/** The tables as this migration reads and writes them, written out here: it means what it meant when it ran. */
interface Tables {
  portal_access: {
    client_id: string;
    practice_id: string;
    state: string;
    email_id: string | null;
    email_address: string | null;
    disabled_at: string | null;
    updated_at: string;
  };
  client_emails: { id: string; client_id: string; address: string };
  portal_tokens: { client_id: string; used_at: string | null; revoked_at: string | null };
  sessions: { kind: string; subject_id: string };
  audit_log: {
    id: string;
    practice_id: string | null;
    actor_type: string;
    actor_id: string | null;
    client_id: string | null;
    action: string;
    ip: string | null;
    user_agent: string | null;
    details: string | null;
    created_at: string;
  };
}

type Reason = 'email_changed' | 'email_removed';

const inUse = ['invited', 'active'];
const batchSize = 500;

/**
 * PostgreSQL runs the whole migration in one transaction (Kysely's Migrator, as DDL is
 * transactional there); SQLite runs it outside one, so there each batch commits on its own and a
 * client's access is disabled whole or not at all. Stopped part way there, the migration is not
 * recorded and runs again: access it already disabled is no longer invited or active, so it is
 * neither disabled nor audited twice.
 */
function inTransaction<T>(db: Kysely<Tables>, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Disables the lost access in the batch of invited or active access after `after` (by client id)
 * and answers the last client id read, or null when none is left.
 */
async function disableBatch(db: Kysely<Tables>, after: string): Promise<string | null> {
  const batch = await db
    .selectFrom('portal_access')
    .select(['client_id', 'practice_id', 'email_id', 'email_address'])
    .where('state', 'in', inUse)
    .where('client_id', '>', after)
    .orderBy('client_id')
    .limit(batchSize)
    .execute();
  const last = batch.at(-1);
  if (!last) return null;

  const emails = await db
    .selectFrom('client_emails')
    .select(['id', 'client_id', 'address'])
    .where(
      'client_id',
      'in',
      batch.map((access) => access.client_id),
    )
    .execute();
  const emailsOf = new Map<string, { id: string; address: string }[]>();
  for (const email of emails) emailsOf.set(email.client_id, [...(emailsOf.get(email.client_id) ?? []), email]);

  // As followPortalEmail decides it: access without an address is not in use; an address the
  // client still has (even re-entered as a new email) keeps its access; the access's email still
  // there under another address was edited in place, else it was removed.
  const lost: { clientId: string; practiceId: string; reason: Reason }[] = [];
  for (const access of batch) {
    if (access.email_address === null) continue;
    const current = emailsOf.get(access.client_id) ?? [];
    if (current.some((email) => email.address === access.email_address)) continue;
    const reason = current.some((email) => email.id === access.email_id) ? 'email_changed' : 'email_removed';
    lost.push({ clientId: access.client_id, practiceId: access.practice_id, reason });
  }
  if (lost.length === 0) return last.client_id;

  // What disableInTransaction does: state disabled, every unused link and code revoked, the
  // client's sessions ended, audited (by the system) with why.
  const now = new Date().toISOString();
  const clientIds = lost.map((access) => access.clientId);
  await db
    .updateTable('portal_access')
    .set({ state: 'disabled', disabled_at: now, updated_at: now })
    .where('client_id', 'in', clientIds)
    .where('state', 'in', inUse)
    .execute();
  await db
    .updateTable('portal_tokens')
    .set({ revoked_at: now })
    .where('client_id', 'in', clientIds)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  await db.deleteFrom('sessions').where('kind', '=', 'client').where('subject_id', 'in', clientIds).execute();
  await db
    .insertInto('audit_log')
    .values(
      lost.map((access) => ({
        id: randomUUID(),
        practice_id: access.practiceId,
        actor_type: 'system',
        actor_id: null,
        client_id: access.clientId,
        action: 'portal.disabled',
        ip: null,
        user_agent: null,
        details: JSON.stringify({ reason: access.reason }),
        created_at: now,
      })),
    )
    .execute();
  return last.client_id;
}

/**
 * Client Portal access follows its address since the client update disables it when the address
 * is edited in place or its email removed. Access left before that on an address the client no
 * longer has still lets that mailbox sign in, until the client is next saved: this disables it now,
 * exactly as the client update would have, in batches of client ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<Tables>;
  let after: string | null = '';
  while (after !== null) {
    const from: string = after;
    after = await inTransaction(typed, (trx) => disableBatch(trx, from));
  }
}

/**
 * Nothing to undo by design: access disabled here stays disabled, its sessions ended and its links
 * and codes revoked. Re-enabling it would hand sign-in back to an address the client no longer
 * has, and the ended sessions and revoked tokens could not be brought back anyway; staff restore
 * access by sending a new invitation to one of the client's current emails. The audit rows stay too.
 */
export async function down(): Promise<void> {
  // Intentionally a no-op (see above).
}
