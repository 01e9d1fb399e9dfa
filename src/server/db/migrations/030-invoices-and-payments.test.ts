import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentStatus } from '../schema.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { createAppointment, createLocation, createService } from '../../../../test/factories/scheduling.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { saveBillingSettings } from '../../modules/billing/billing.queries.js';
import { systemContext } from '../../platform/request-context.js';
import { migrateTo, migrateToLatest } from '../migrate.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('migration 030 (invoices and payments)', () => {
  it('makes billable items of the appointments already attended, no-show or late-cancelled, as they would have been', async () => {
    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '029-reminders-may-name-the-service', schema);
    const practice = await createPractice(t.deps, { timeZone: 'America/Los_Angeles' });
    const client = await createClient(t.deps, practice.id, { lastName: 'Okafor' });
    const service = await createService(t.deps, practice.id, {
      name: 'Family session',
      cptCode: '90847',
      feeMinor: 18_000,
    });
    const office = await createLocation(t.deps, practice.id);
    const video = await createLocation(t.deps, practice.id, { kind: 'telehealth' });
    await saveBillingSettings(systemContext(t.deps, practice.id), {
      legal_name: null,
      address: null,
      phone: null,
      tax_id: null,
      group_npi: null,
      currency: 'USD',
      invoice_prefix: 'INV-',
      payment_terms_days: 30,
      invoice_mode: 'per_appointment',
      late_cancel_fee_minor: 0,
      no_show_fee_minor: 7_500,
      updated_at: new Date().toISOString(),
    });
    const book = (status: AppointmentStatus, locationId: string, startsAt: string) =>
      createAppointment(t.deps, practice.id, {
        clientId: client.id,
        serviceId: service.id,
        clinicianId: practice.owner.id,
        locationId,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 50 * 60_000).toISOString(),
        status,
      });
    // 03:00 UTC on 2 March is still 1 March in Los Angeles.
    const attended = await book('attended', video.id, '2026-03-02T03:00:00.000Z');
    const noShow = await book('no_show', office.id, '2026-03-09T17:00:00.000Z');
    await book('late_cancelled', office.id, '2026-03-16T17:00:00.000Z');
    await book('scheduled', office.id, '2026-03-23T17:00:00.000Z');
    await book('cancelled_by_client', office.id, '2026-03-30T17:00:00.000Z');

    await migrateToLatest(t.deps.db, schema);

    const items = await t.deps.db.selectFrom('billable_items').selectAll().orderBy('date_of_service').execute();
    expect(
      items.map((item) => ({ ...item, id: typeof item.id, created_at: undefined, updated_at: undefined })),
    ).toEqual([
      {
        id: 'string',
        practice_id: practice.id,
        client_id: client.id,
        appointment_id: attended.id,
        clinician_id: practice.owner.id,
        service_id: service.id,
        kind: 'service',
        date_of_service: '2026-03-01',
        description: 'Family session',
        cpt_code: '90847',
        units: 1,
        fee_minor: 18_000,
        place_of_service: '10',
        modifiers: '95',
        invoice_id: null,
        waived_at: null,
        created_at: undefined,
        updated_at: undefined,
      },
      {
        id: 'string',
        practice_id: practice.id,
        client_id: client.id,
        appointment_id: noShow.id,
        clinician_id: practice.owner.id,
        service_id: service.id,
        kind: 'no_show',
        date_of_service: '2026-03-09',
        description: 'No-show: Family session',
        cpt_code: null,
        units: 1,
        fee_minor: 7_500,
        place_of_service: '11',
        modifiers: '',
        invoice_id: null,
        waived_at: null,
        created_at: undefined,
        updated_at: undefined,
      },
    ]);
  });

  it('lets the database refuse what the ledger forbids: an invoice number twice, an overpaid invoice, a payment applied beyond its amount', async () => {
    const practice = await createPractice(t.deps);
    const client = await createClient(t.deps, practice.id);
    const now = new Date().toISOString();
    const invoice = {
      id: crypto.randomUUID(),
      practice_id: practice.id,
      client_id: client.id,
      number: 'INV-1',
      issue_date: '2026-03-01',
      due_date: '2026-03-31',
      currency: 'USD',
      total_minor: 10_000,
      paid_minor: 0,
      replaces_invoice_id: null,
      voided_at: null,
      voided_by: null,
      void_reason: null,
      snapshot: '{}',
      created_at: now,
      created_by: null,
    };
    await t.deps.db.insertInto('invoices').values(invoice).execute();
    await expect(
      t.deps.db
        .insertInto('invoices')
        .values({ ...invoice, id: crypto.randomUUID() })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.deps.db.updateTable('invoices').set({ paid_minor: 10_001 }).where('id', '=', invoice.id).execute(),
    ).rejects.toThrow();
    const payment = {
      id: crypto.randomUUID(),
      practice_id: practice.id,
      client_id: client.id,
      kind: 'payment' as const,
      refund_of_payment_id: null,
      amount_minor: 5_000,
      currency: 'USD',
      received_on: '2026-03-02',
      method: 'cash' as const,
      reference: null,
      applied_minor: 0,
      refunded_minor: 0,
      created_at: now,
      created_by: null,
    };
    await t.deps.db.insertInto('payments').values(payment).execute();
    await expect(
      t.deps.db
        .updateTable('payments')
        .set({ applied_minor: 3_000, refunded_minor: 2_001 })
        .where('id', '=', payment.id)
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.deps.db
        .insertInto('payments')
        .values({ ...payment, id: crypto.randomUUID(), amount_minor: 0 })
        .execute(),
    ).rejects.toThrow();
  });
});
