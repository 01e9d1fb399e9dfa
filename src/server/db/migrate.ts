import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as m001 from './migrations/001-foundation.js';
import * as m002 from './migrations/002-client-portal.js';
import * as m003 from './migrations/003-client-search-words.js';
import * as m004 from './migrations/004-messaging.js';
import * as m005 from './migrations/005-client-list-speed.js';
import * as m006 from './migrations/006-rate-limit-windows.js';
import * as m007 from './migrations/007-client-search-prefixes.js';
import * as m008 from './migrations/008-sort-names-without-accents.js';
import * as m009 from './migrations/009-attachment-storage-keys.js';
import * as m010 from './migrations/010-disable-portal-access-on-lost-address.js';
import * as m011 from './migrations/011-invitation-outcomes.js';
import * as m012 from './migrations/012-practice-profile-and-account.js';
import * as m013 from './migrations/013-practice-date-time-format.js';
import * as m014 from './migrations/014-audit-log-filters.js';
import * as m015 from './migrations/015-team-memberships.js';
import * as m017 from './migrations/017-staff-invitations.js';
import * as m018 from './migrations/018-logo-storage-keys.js';
import * as m019 from './migrations/019-client-list-portal-filter.js';
import * as m020 from './migrations/020-two-factor.js';
import * as m021 from './migrations/021-client-search-documents.js';
import * as m022 from './migrations/022-scheduling.js';
import * as m023 from './migrations/023-documents.js';
import * as m024 from './migrations/024-availability.js';
import * as m026 from './migrations/026-phone-numbers-in-client-search.js';
import * as m028 from './migrations/028-billing-foundation.js';
import * as m029 from './migrations/029-reminders-may-name-the-service.js';
import * as m030 from './migrations/030-invoices-and-payments.js';

/** Migrations are listed here, in order, so the bundle needs no file-system discovery. */
const migrations: Record<string, Migration> = {
  '001-foundation': m001,
  '002-client-portal': m002,
  '003-client-search-words': m003,
  '004-messaging': m004,
  '005-client-list-speed': m005,
  '006-rate-limit-windows': m006,
  '007-client-search-prefixes': m007,
  '008-sort-names-without-accents': m008,
  '009-attachment-storage-keys': m009,
  '010-disable-portal-access-on-lost-address': m010,
  '011-invitation-outcomes': m011,
  '012-practice-profile-and-account': m012,
  '013-practice-date-time-format': m013,
  '014-audit-log-filters': m014,
  '015-team-memberships': m015,
  '017-staff-invitations': m017,
  '018-logo-storage-keys': m018,
  '019-client-list-portal-filter': m019,
  '020-two-factor': m020,
  '021-client-search-documents': m021,
  '022-scheduling': m022,
  '023-documents': m023,
  '024-availability': m024,
  '026-phone-numbers-in-client-search': m026,
  '028-billing-foundation': m028,
  '029-reminders-may-name-the-service': m029,
  '030-invoices-and-payments': m030,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * Runs pending migrations. On PostgreSQL, `schema` names the schema that holds the migration
 * tables when it is not `public` (Kysely otherwise finds another schema's tables and skips them).
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // Named, so whoever reads it (npm run migrate, a server that would not start) knows which one.
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`${failed ? `migration ${failed}` : 'migrating'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up or down to the named migration: for tests of a migration over data made by the ones before. */
export async function migrateTo(db: Db, name: string, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
}
