import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClientEmailsTable, ClientsTable, Database } from '../src/server/db/schema.js';
import type { Dialect } from '../src/server/db/database.js';
import { clientSearchText, clientSortName } from '../src/server/modules/clients/index.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import { systemScope } from '../src/server/platform/request-context.js';
import { changeClientCounts } from '../src/server/modules/clients/index.js';
import { searchPrefixRows, searchWordRows } from '../src/server/modules/clients/index.js';
import { insertInBatches } from './batch-insert.js';
import { demoClients, demoPractice } from './demo-data.js';
import { insertPractice, type SeedPractice } from './practice.js';

const dayMs = 86_400_000;

export interface DemoSeedResult {
  practice: SeedPractice;
  ownerEmail: string;
  password: string;
  clients: number;
}

/** Seeds the demo practice "Harbour Light Counselling" with an owner, a clinician and a dozen clients. */
export async function seedDemoPractice(
  db: Kysely<Database>,
  dialect: Dialect,
  now = new Date(),
): Promise<DemoSeedResult> {
  const passwordHash = await hashPassword(demoPractice.password);
  return db.transaction().execute(async (trx) => {
    const practice = await insertPractice(trx, {
      name: demoPractice.name,
      slug: demoPractice.slug,
      timeZone: demoPractice.timeZone,
      passwordHash,
      staff: [
        { ...demoPractice.owner, role: 'owner' },
        { ...demoPractice.clinician, role: 'clinician' },
      ],
      now,
    });
    const clients: ClientsTable[] = [];
    const emails: ClientEmailsTable[] = [];
    for (const client of demoClients) {
      const id = randomUUID();
      const added = new Date(now.getTime() - client.addedDaysAgo * dayMs).toISOString();
      clients.push({
        id,
        practice_id: practice.id,
        first_name: client.firstName,
        last_name: client.lastName,
        preferred_name: client.preferredName,
        date_of_birth: client.dateOfBirth,
        phone: client.phone,
        search_text: clientSearchText(client),
        sort_name: clientSortName(client),
        archived_at: client.archived ? now.toISOString() : null,
        created_at: added,
        updated_at: added,
      });
      client.emails.forEach((email, position) => {
        emails.push({
          id: randomUUID(),
          client_id: id,
          practice_id: practice.id,
          address: email.address,
          type: email.type,
          email_ok: email.emailOk ? 1 : 0,
          is_primary: position === 0 ? 1 : 0,
          position,
        });
      });
    }
    await insertInBatches(trx, dialect, 'clients', clients);
    await insertInBatches(trx, dialect, 'client_emails', emails);
    await insertInBatches(trx, dialect, 'client_search_words', searchWordRows(clients));
    await insertInBatches(trx, dialect, 'client_search_prefixes', searchPrefixRows(clients));
    const archived = clients.filter((client) => client.archived_at !== null).length;
    await changeClientCounts(systemScope(trx, practice.id), { active: clients.length - archived, archived });
    return { practice, ownerEmail: demoPractice.owner.email, password: demoPractice.password, clients: clients.length };
  });
}
