import { sql, type Kysely } from 'kysely';

/**
 * A practice becomes a team (docs/decisions/024):
 * - `staff_memberships`: who belongs to which practice, with which roles, active or deactivated.
 *   A staff account (`staff_users`: one email, one password) may belong to several practices.
 *   Roles are combinable, so each is a flag column that an index and a count can use directly.
 *   `staff_users.practice_id` stays: the practice a sign-in opens first.
 * - `client_clinicians`: a client's assigned clinicians, one of them primary (a partial unique
 *   index allows one primary per client).
 * - `staff_users.role` goes: the membership holds the roles.
 *
 * Existing accounts become active members of their practice with their role; an owner also gets
 * the clinician role, since until now the owner was the practice's clinician (they messaged and
 * were notified). Every existing client gets the practice's first owner as primary clinician.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_memberships')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('owner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clinician', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('biller', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheduler', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deactivated_at', 'text')
    .addPrimaryKeyConstraint('staff_memberships_pk', ['practice_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('staff_memberships_staff').on('staff_memberships').column('staff_id').execute();

  await sql`
    insert into staff_memberships (practice_id, staff_id, owner, clinician, biller, scheduler, status, created_at)
    select practice_id, id,
      case when role = 'owner' then 1 else 0 end,
      case when role in ('owner', 'clinician') then 1 else 0 end,
      case when role = 'biller' then 1 else 0 end,
      0, 'active', created_at
    from staff_users
  `.execute(db);

  await db.schema
    .createTable('client_clinicians')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_clinicians_pk', ['practice_id', 'client_id', 'staff_id'])
    .execute();
  // A clinician's clients, for the lists and counts restricted to them.
  await db.schema
    .createIndex('client_clinicians_staff')
    .on('client_clinicians')
    .columns(['practice_id', 'staff_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('client_clinicians_one_primary')
    .on('client_clinicians')
    .columns(['practice_id', 'client_id'])
    .unique()
    .where(sql.ref('is_primary'), '=', 1)
    .execute();

  await sql`
    insert into client_clinicians (practice_id, client_id, staff_id, is_primary, created_at)
    select clients.practice_id, clients.id, first_owner.staff_id, 1, clients.created_at
    from clients
    join (
      select practice_id, staff_id from (
        select m.practice_id, m.staff_id,
          row_number() over (partition by m.practice_id order by s.created_at, s.id) as n
        from staff_memberships m join staff_users s on s.id = m.staff_id
        where m.owner = 1
      ) ranked where n = 1
    ) first_owner on first_owner.practice_id = clients.practice_id
  `.execute(db);

  await db.schema.alterTable('staff_users').dropColumn('role').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff_users')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('clinician'))
    .execute();
  await sql`
    update staff_users set role = coalesce((
      select case when owner = 1 then 'owner' when biller = 1 and clinician = 0 then 'biller' else 'clinician' end
      from staff_memberships m where m.staff_id = staff_users.id and m.practice_id = staff_users.practice_id
    ), 'clinician')
  `.execute(db);
  await db.schema.dropTable('client_clinicians').execute();
  await db.schema.dropTable('staff_memberships').execute();
}
