import type { Scope } from '../../platform/request-context.js';

/** The practice's newest outgoing emails, as the Mailbox lists them. */
export async function listOutbox(scope: Scope, limit: number) {
  return scope.db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'kind', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .where('practice_id', '=', scope.practiceId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** One outgoing email of the practice, whole, with the practice's name for its From line. */
export async function findOutboxEmail(scope: Scope, id: string) {
  return scope.db
    .selectFrom('outbox')
    .innerJoin('practices', 'practices.id', 'outbox.practice_id')
    .selectAll('outbox')
    .select('practices.name as practice_name')
    .where('outbox.id', '=', id)
    .where('outbox.practice_id', '=', scope.practiceId)
    .executeTakeFirst();
}
