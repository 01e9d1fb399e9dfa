import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientBilling, createClinicianBilling } from '../../../../test/factories/billing.js';
import { createClient } from '../../../../test/factories/clients.js';
import { billedLineOf, createInvoice } from '../../../../test/factories/invoices.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { billingSettingsBody } from '../../../../test/helpers/billing.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { BillingDocumentSummary, SuperbillSnapshot } from '../../../shared/schemas/billing-documents.js';
import { diagnosisPointerFor } from './superbills.lines.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function snapshotOf(id: string): Promise<SuperbillSnapshot> {
  const row = await t.deps.db
    .selectFrom('billing_documents')
    .select('snapshot')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.snapshot) as SuperbillSnapshot;
}

describe('superbills', () => {
  it('lists February’s services with CMS-1500 fields, each line’s share of what its invoice was paid, signed by the clinician', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    expect((await owner.put('/api/settings/billing', billingSettingsBody())).statusCode).toBe(200);
    const second = await createStaff(t.deps, practice.id, { roles: ['clinician'], name: 'Dr. Second' });
    await createClinicianBilling(t.deps, practice.id, practice.owner.id);
    await createClinicianBilling(t.deps, practice.id, second.id, {
      credentials: 'PhD',
      npi: '1234567802',
      licenseNumber: 'PSY-2210',
      licenseState: 'NH',
    });
    const client = await createClient(t.deps, practice.id, { firstName: 'Ana', lastName: 'Ruiz' });
    await createClientBilling(t.deps, practice.id, client.id);
    const ownerId = practice.owner.id;
    // Listed out of date order: the invoice's $200 pays the 30 January line first, then $50 of 6 February.
    await createInvoice(t.deps, practice.id, client.id, {
      issueDate: '2026-02-07',
      paidMinor: 20_000,
      lines: [
        billedLineOf({ dateOfService: '2026-02-06', placeOfService: '10', modifiers: '95', clinicianId: ownerId }),
        billedLineOf({ dateOfService: '2026-01-30', clinicianId: ownerId }),
      ],
    });
    await createInvoice(t.deps, practice.id, client.id, {
      issueDate: '2026-02-20',
      lines: [
        billedLineOf({ dateOfService: '2026-02-13', feeMinor: 17_500, cptCode: '90837', clinicianId: second.id }),
        billedLineOf({
          dateOfService: '2026-02-20',
          kind: 'no_show',
          description: 'No-show: Individual therapy',
          cptCode: null,
          feeMinor: 7_500,
          clinicianId: ownerId,
        }),
      ],
    });
    await createInvoice(t.deps, practice.id, client.id, {
      issueDate: '2026-02-10',
      voidedAt: '2026-02-11T09:00:00.000Z',
      lines: [billedLineOf({ dateOfService: '2026-02-10', clinicianId: ownerId })],
    });

    const created = await owner.post(`/api/clients/${client.id}/superbills`, {
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
    });
    expect(created.statusCode, created.body).toBe(201);
    const summary = created.json<BillingDocumentSummary>();
    expect(summary).toMatchObject({ kind: 'superbill', totalMinor: 32_500 });
    const snapshot = await snapshotOf(summary.id);
    expect(
      snapshot.lines.map((l) => [
        l.dateOfService,
        l.placeOfService,
        l.cptCode,
        l.modifiers,
        l.diagnosisPointer,
        l.chargeMinor,
        l.units,
        l.renderingNpi,
        l.paidMinor,
      ]),
    ).toEqual([
      ['2026-02-06', '10', '90834', '95', 'AB', 15_000, 1, '1234567893', 5_000],
      ['2026-02-13', '11', '90837', '', 'AB', 17_500, 1, '1234567802', 0],
    ]);
    expect(snapshot).toMatchObject({ totalChargeMinor: 32_500, totalPaidMinor: 5_000 });
    expect(snapshot.provider).toMatchObject({
      legalName: 'Harbour Counselling LLC',
      taxId: '12-3456789',
      groupNpi: '1234567893',
      clinician: {
        staffId: ownerId,
        credentials: 'LCSW',
        npi: '1234567893',
        licenseNumber: '118822',
        licenseState: 'MA',
      },
    });
    expect(snapshot.renderingClinicians.map((c) => c.staffId)).toEqual([ownerId, second.id]);
    expect(snapshot.signature.name).toBe(`${practice.owner.name}, LCSW`);
    expect(snapshot.client.diagnoses.map((d) => `${d.pointer}:${d.code}`)).toEqual(['A:F41.1', 'B:F32.1']);

    const pdf = await owner.get(`/api/clients/${client.id}/superbills/${summary.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const words = await readPdfWords(pdf.rawPayload);
    for (const text of [
      'SUPERBILL',
      'Tax ID 12-3456789',
      'Group NPI 1234567893',
      'NPI 1234567893',
      'License 118822 (MA)',
      'Also rendering: Dr. Second, PhD, NPI 1234567802, license PSY-2210 (NH)',
      'Member ID BHH-4471902',
      'F41.1',
      '90834 95',
      '$325.00',
      '$50.00',
      `${practice.owner.name}, LCSW Date Mar 2, 2026`,
    ])
      expect(words).toContain(text);
    expect(words).not.toContain('No-show');
  });

  it('points each line at the first four diagnoses at most, none when the client has none', () => {
    expect([0, 1, 4, 7].map(diagnosisPointerFor)).toEqual(['', 'A', 'ABCD', 'ABCD']);
  });

  it('with no clinician identity and no services, still renders, signed in the practice’s name', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    const created = await owner.post(`/api/clients/${client.id}/superbills`, {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });
    const { id } = created.json<BillingDocumentSummary>();
    expect(await snapshotOf(id)).toMatchObject({ lines: [], totalChargeMinor: 0, signature: { name: practice.name } });
    const pdf = await owner.get(`/api/clients/${client.id}/superbills/${id}/pdf`);
    expect(await readPdfWords(pdf.rawPayload)).toContain('No services in this period.');
  });
});
