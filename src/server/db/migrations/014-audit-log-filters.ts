import { sql, type Kysely } from 'kysely';

/**
 * The audit log filters by kind of action and by staff member (docs/decisions/020). Each row
 * keeps its kind, set when it is written, so a kind is one indexed equality instead of a list of
 * actions and prefixes; the indexes put the practice first, then the filter, then the time the
 * log is ordered by, so each filter reads only the rows it shows.
 *
 * The kinds of the rows already written are set here from a copy of the rules as they were when
 * this was written: a migration means the same whatever the application's rules later become.
 */
const frozenKinds: { kind: string; actions: string[]; prefixes: string[] }[] = [
  {
    kind: 'sign_in',
    actions: [
      'staff.signed_in',
      'staff.signed_out',
      'staff.sign_in_failed',
      'staff.password_reset_requested',
      'staff.password_reset',
      'portal.signed_in',
      'portal.signed_out',
      'portal.sign_in_link_requested',
      'portal.link_failed',
      'portal.code_failed',
    ],
    prefixes: [],
  },
  {
    kind: 'client_records',
    actions: ['client.created', 'client.updated', 'client.viewed', 'client.archived', 'client.restored'],
    prefixes: ['client.'],
  },
  {
    kind: 'portal_access',
    actions: [
      'portal.invited',
      'portal.disabled',
      'portal.permissions_changed',
      'portal.sign_in_link_sent',
      'portal.sign_in_code_generated',
    ],
    prefixes: ['portal.', 'invitation.'],
  },
  {
    kind: 'messages',
    actions: [
      'messages.viewed',
      'message.sent',
      'attachment.downloaded',
      'message.client_notified',
      'message.staff_notified',
    ],
    prefixes: ['message.', 'messages.', 'attachment.', 'conversation.'],
  },
  {
    kind: 'settings',
    actions: ['practice.created', 'portal.settings_updated', 'portal.practice_enabled', 'portal.practice_disabled'],
    prefixes: ['practice.', 'settings.', 'staff.', 'account.'],
  },
  { kind: 'audit_log', actions: ['audit.exported'], prefixes: ['audit.'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('kind', 'text').execute();

  // Named actions first, then the prefixes for whatever is left (a prefix never claims a named one).
  for (const { kind, actions } of frozenKinds) {
    await sql`update audit_log set kind = ${kind} where action in (${sql.join(actions)})`.execute(db);
  }
  for (const { kind, prefixes } of frozenKinds) {
    for (const prefix of prefixes) {
      // substr, not LIKE: SQLite's LIKE ignores case and `_` is a wildcard in both.
      await sql`update audit_log set kind = ${kind}
        where kind is null and substr(action, 1, ${prefix.length}) = ${prefix}`.execute(db);
    }
  }

  await db.schema
    .createIndex('audit_practice_kind_created')
    .on('audit_log')
    .columns(['practice_id', 'kind', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_practice_actor_created')
    .on('audit_log')
    .columns(['practice_id', 'actor_type', 'actor_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_practice_actor_created').execute();
  await db.schema.dropIndex('audit_practice_kind_created').execute();
  await db.schema.alterTable('audit_log').dropColumn('kind').execute();
}
