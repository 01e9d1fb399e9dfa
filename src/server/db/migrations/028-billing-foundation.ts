import type { Kysely } from 'kysely';

/**
 * The foundation of billing (issue 20, docs/decisions/039): what a practice bills as, who its
 * clinicians are on a claim, and each client's diagnoses and insurance. Invoices, payments,
 * statements and superbills hang off these later. Money is integer minor units of `currency`.
 *
 * - `practice_billing_settings`: one row a practice, written on the first save (until then the
 *   defaults apply): legal name, address, phone (E.164), tax ID (EIN), group NPI, ISO 4217
 *   currency, invoice number prefix, payment terms in days, invoice mode (`per_appointment` or
 *   `manual`), late-cancellation and no-show fees.
 * - `clinician_billing_identities`: a clinician's credentials, individual NPI, license number and
 *   state, keyed (practice_id, staff_id): the same person may bill differently in two practices.
 * - `client_billing_profiles`: payer name, member ID and billing address of a client.
 * - `client_diagnoses`: a client's ICD-10-CM codes with staff's description, in order (position
 *   0 is pointer A on a superbill), at most 12 as on a CMS-1500 claim.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('practice_billing_settings')
    .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practices.id'))
    .addColumn('legal_name', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('group_npi', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('invoice_prefix', 'text', (c) => c.notNull())
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull())
    .addColumn('invoice_mode', 'text', (c) => c.notNull())
    .addColumn('late_cancel_fee_minor', 'integer', (c) => c.notNull())
    .addColumn('no_show_fee_minor', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('clinician_billing_identities')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('credentials', 'text')
    .addColumn('npi', 'text')
    .addColumn('license_number', 'text')
    .addColumn('license_state', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clinician_billing_identities_pk', ['practice_id', 'staff_id'])
    .execute();

  await db.schema
    .createTable('client_billing_profiles')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('payer_name', 'text')
    .addColumn('member_id', 'text')
    .addColumn('billing_address', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_billing_profiles_pk', ['practice_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('client_diagnoses')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_diagnoses_pk', ['practice_id', 'client_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('client_diagnoses').execute();
  await db.schema.dropTable('client_billing_profiles').execute();
  await db.schema.dropTable('clinician_billing_identities').execute();
  await db.schema.dropTable('practice_billing_settings').execute();
}
