import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientBilling } from '../../../../test/factories/billing.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff, type FactoryPractice } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { BillingSetup, ClientBilling, ClinicianBilling } from '../../../shared/schemas/billing.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const settingsBody = {
  legalName: 'Harbour Counselling LLC',
  address: '1 Harbour Street\nBoston, MA 02110',
  phone: '(617) 555-0142',
  taxId: '12-3456789',
  groupNpi: '1245319599',
  currency: 'usd',
  invoicePrefix: 'HC-',
  paymentTermsDays: 14,
  invoiceMode: 'manual',
  lateCancelFeeMinor: 5000,
  noShowFeeMinor: 7500,
};

interface Fields {
  error: { code: string; fields: { field: string; message: string }[] };
}
const fieldsOf = (body: string) => JSON.parse(body) as Fields;

async function practiceWithBiller(): Promise<{
  practice: FactoryPractice;
  owner: Agent;
  biller: Agent;
  billerId: string;
}> {
  const practice = await createPractice(t.deps);
  const biller = await createStaff(t.deps, practice.id, { roles: ['biller'], name: 'Bea Biller' });
  return {
    practice,
    owner: await signInAs(t.app, practice.owner.email),
    biller: await signInAs(t.app, biller.email),
    billerId: biller.id,
  };
}

async function auditActions(practiceId: string, action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'kind', 'client_id', 'actor_id'])
    .where('practice_id', '=', practiceId)
    .where('action', '=', action)
    .execute();
}

describe('Settings → Billing', () => {
  it('starts from the practice: its name, its country’s currency, INV- numbers due in 30 days, no fees', async () => {
    const practice = await createPractice(t.deps, { timeZone: 'Europe/Paris' });
    const owner = await signInAs(t.app, practice.owner.email);
    const setup = (await owner.get('/api/settings/billing')).json<BillingSetup>();
    expect(setup.settings).toMatchObject({
      legalName: practice.name,
      currency: 'EUR',
      invoicePrefix: 'INV-',
      paymentTermsDays: 30,
      invoiceMode: 'per_appointment',
      lateCancelFeeMinor: 0,
      noShowFeeMinor: 0,
      taxId: null,
      groupNpi: null,
      saved: false,
    });
    expect(setup.clinicians).toEqual([expect.objectContaining({ staffId: practice.owner.id, npi: null })]);
    expect(await auditActions(practice.id, 'billing.settings_viewed')).toEqual([
      expect.objectContaining({ kind: 'billing', actor_id: practice.owner.id }),
    ]);
  });

  it('saves what a biller enters: the EIN, a valid group NPI, the currency upper case and fees in minor units', async () => {
    const { practice, biller, billerId } = await practiceWithBiller();
    const saved = await biller.put('/api/settings/billing', settingsBody);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<BillingSetup>().settings).toEqual({
      legalName: 'Harbour Counselling LLC',
      address: '1 Harbour Street\nBoston, MA 02110',
      phone: '+16175550142',
      phoneDisplay: '(617) 555-0142',
      taxId: '12-3456789',
      groupNpi: '1245319599',
      currency: 'USD',
      invoicePrefix: 'HC-',
      paymentTermsDays: 14,
      invoiceMode: 'manual',
      lateCancelFeeMinor: 5000,
      noShowFeeMinor: 7500,
      saved: true,
    });
    // Nine digits are written as an EIN.
    const again = await biller.put('/api/settings/billing', { ...settingsBody, taxId: '987654321', groupNpi: '' });
    expect(again.json<BillingSetup>().settings).toMatchObject({ taxId: '98-7654321', groupNpi: null });
    expect(await auditActions(practice.id, 'billing.settings_updated')).toHaveLength(2);
    expect((await auditActions(practice.id, 'billing.settings_updated'))[0]).toMatchObject({
      kind: 'billing',
      actor_id: billerId,
    });
  });

  it('refuses a bad NPI, EIN, currency and money, naming each field, and saves nothing', async () => {
    const { practice, owner } = await practiceWithBiller();
    const bad = await owner.put('/api/settings/billing', {
      ...settingsBody,
      groupNpi: '1234567890',
      taxId: '12-34567',
      currency: 'XYZ',
      lateCancelFeeMinor: 12.5,
      noShowFeeMinor: -100,
      paymentTermsDays: 400,
      invoiceMode: 'weekly',
      invoicePrefix: 'INV #',
    });
    expect(bad.statusCode).toBe(400);
    const { error } = fieldsOf(bad.body);
    expect(error.code).toBe('validation_failed');
    const messages = Object.fromEntries(error.fields.map((f) => [f.field, f.message]));
    expect(messages.groupNpi).toMatch(/Luhn/);
    expect(messages.taxId).toBe('must be an EIN written NN-NNNNNNN');
    expect(messages.currency).toMatch(/ISO 4217/);
    expect(messages.lateCancelFeeMinor).toBe('must be a whole number of minor units (cents)');
    expect(messages.noShowFeeMinor).toBe('must not be negative');
    expect(Object.keys(messages)).toEqual(expect.arrayContaining(['paymentTermsDays', 'invoiceMode', 'invoicePrefix']));
    const phone = await owner.put('/api/settings/billing', { ...settingsBody, phone: '555' });
    expect(fieldsOf(phone.body).error.fields.map((f) => f.field)).toEqual(['phone']);
    const row = await t.deps.db
      .selectFrom('practice_billing_settings')
      .selectAll()
      .where('practice_id', '=', practice.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('keeps each clinician’s billing identity; a member who is no clinician here is not found', async () => {
    const { practice, biller, billerId } = await practiceWithBiller();
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'], name: 'Cal Clinician' });
    const url = `/api/settings/billing/clinicians/${clinician.id}`;
    const saved = await biller.put(url, {
      credentials: 'LCSW',
      npi: '1234567893',
      licenseNumber: 'LICW-118822',
      licenseState: 'MA',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<ClinicianBilling>()).toEqual({
      staffId: clinician.id,
      name: 'Cal Clinician',
      credentials: 'LCSW',
      npi: '1234567893',
      licenseNumber: 'LICW-118822',
      licenseState: 'MA',
    });
    const listed = (await biller.get('/api/settings/billing')).json<BillingSetup>().clinicians;
    expect(listed.map((c) => c.name)).toEqual(['Cal Clinician', expect.stringContaining('Dr. Owner')]);
    expect(listed[0]).toMatchObject({ npi: '1234567893', licenseState: 'MA' });

    const bad = await biller.put(url, {
      credentials: null,
      npi: '1234567894',
      licenseNumber: null,
      licenseState: 'XX',
    });
    expect(bad.statusCode).toBe(400);
    const messages = Object.fromEntries(fieldsOf(bad.body).error.fields.map((f) => [f.field, f.message]));
    expect(messages.npi).toMatch(/NPI check digit \(Luhn\)/);
    expect(messages.licenseState).toBe('must be a US state code such as CA');

    // The biller is a member but no clinician; another practice's clinician is not this practice's.
    const body = { credentials: null, npi: null, licenseNumber: null, licenseState: null };
    expect((await biller.put(`/api/settings/billing/clinicians/${billerId}`, body)).statusCode).toBe(404);
    const elsewhere = await createPractice(t.deps);
    expect((await biller.put(`/api/settings/billing/clinicians/${elsewhere.owner.id}`, body)).statusCode).toBe(404);
    const theirs = await t.deps.db
      .selectFrom('clinician_billing_identities')
      .selectAll()
      .where('staff_id', '=', elsewhere.owner.id)
      .execute();
    expect(theirs).toEqual([]);
    expect(await auditActions(practice.id, 'billing.clinician_updated')).toHaveLength(1);
  });
});

describe("a client's Billing tab", () => {
  it('keeps diagnoses in order, the insurer and the billing address; audits each view and change', async () => {
    const { practice, biller, billerId } = await practiceWithBiller();
    const client = await createClient(t.deps, practice.id);
    const url = `/api/clients/${client.id}/billing`;
    const empty = (await biller.get(url)).json<ClientBilling>();
    expect(empty).toEqual({
      clientId: client.id,
      diagnoses: [],
      payerName: null,
      memberId: null,
      billingAddress: null,
      editable: true,
    });
    const saved = await biller.put(url, {
      diagnoses: [
        { code: 'f411', description: 'Generalized anxiety disorder' },
        { code: 'Z63.0', description: 'Relationship distress with spouse' },
      ],
      payerName: 'Blue Harbor Health',
      memberId: 'BHH-4471902',
      billingAddress: '12 Wharf Road\nSalem, MA 01970',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<ClientBilling>().diagnoses).toEqual([
      { code: 'F41.1', description: 'Generalized anxiety disorder' },
      { code: 'Z63.0', description: 'Relationship distress with spouse' },
    ]);
    // Reordered and one removed: the list is replaced as given.
    const reordered = await biller.put(url, {
      diagnoses: [{ code: 'Z63.0', description: 'Relationship distress with spouse' }],
      payerName: 'Blue Harbor Health',
      memberId: 'BHH-4471902',
      billingAddress: null,
    });
    expect(reordered.json<ClientBilling>()).toMatchObject({
      diagnoses: [{ code: 'Z63.0' }],
      billingAddress: null,
      memberId: 'BHH-4471902',
    });
    expect(await auditActions(practice.id, 'billing.client_viewed')).toEqual([
      { action: 'billing.client_viewed', kind: 'billing', client_id: client.id, actor_id: billerId },
    ]);
    expect(await auditActions(practice.id, 'billing.client_updated')).toHaveLength(2);
  });

  it('refuses a code that is not ICD-10-CM, a repeated code, a missing description and a 13th diagnosis', async () => {
    const { practice, owner } = await practiceWithBiller();
    const client = await createClient(t.deps, practice.id);
    await createClientBilling(t.deps, practice.id, client.id);
    const url = `/api/clients/${client.id}/billing`;
    const base = { payerName: null, memberId: null, billingAddress: null };
    const bad = await owner.put(url, {
      ...base,
      diagnoses: [
        { code: 'F41.1', description: 'Anxiety' },
        { code: '41.1', description: 'Not a code' },
        { code: 'F32.1', description: '' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const messages = Object.fromEntries(fieldsOf(bad.body).error.fields.map((f) => [f.field, f.message]));
    expect(messages).toEqual({
      'diagnoses.1.code': 'must be an ICD-10-CM code such as F41.1',
      'diagnoses.2.description': 'is required',
    });
    // The same code twice, however written.
    const twice = await owner.put(url, {
      ...base,
      diagnoses: [
        { code: 'F41.1', description: 'Anxiety' },
        { code: 'f411', description: 'Anxiety again' },
      ],
    });
    expect(fieldsOf(twice.body).error.fields).toEqual([{ field: 'diagnoses.1.code', message: 'is listed twice' }]);
    const thirteen = Array.from({ length: 13 }, (_, i) => ({ code: `F4${i % 10}.${i}`, description: 'Dx' }));
    const many = await owner.put(url, { ...base, diagnoses: thirteen });
    expect(fieldsOf(many.body).error.fields).toEqual([
      { field: 'diagnoses', message: 'must list at most 12 diagnoses (a CMS-1500 claim holds 12)' },
    ]);
    // Nothing changed: the factory's two diagnoses are still there.
    expect((await owner.get(url)).json<ClientBilling>().diagnoses.map((d) => d.code)).toEqual(['F41.1', 'F32.1']);
  });

  it('lets the client’s clinician read it, not change it; another clinician and another practice find nothing; a scheduler is refused', async () => {
    const { practice } = await practiceWithBiller();
    const mine = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const other = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const scheduler = await createStaff(t.deps, practice.id, { roles: ['scheduler'] });
    const client = await createClient(t.deps, practice.id, {}, { clinicians: { primaryId: mine.id, otherIds: [] } });
    await createClientBilling(t.deps, practice.id, client.id);
    const url = `/api/clients/${client.id}/billing`;
    const body = { diagnoses: [], payerName: null, memberId: null, billingAddress: null };

    const clinician = await signInAs(t.app, mine.email);
    const read = await clinician.get(url);
    expect(read.statusCode).toBe(200);
    expect(read.json<ClientBilling>()).toMatchObject({ editable: false, payerName: 'Blue Harbor Health' });
    expect((await clinician.put(url, body)).statusCode).toBe(403);

    const stranger = await signInAs(t.app, other.email);
    expect((await stranger.get(url)).statusCode).toBe(404);
    const front = await signInAs(t.app, scheduler.email);
    expect((await front.get(url)).statusCode).toBe(403);
    expect((await front.put(url, body)).statusCode).toBe(403);
    expect((await front.get('/api/settings/billing')).statusCode).toBe(403);
    expect((await clinician.get('/api/settings/billing')).statusCode).toBe(403);

    const elsewhere = await createPractice(t.deps);
    const outsider = await signInAs(t.app, elsewhere.owner.email);
    expect((await outsider.get(url)).statusCode).toBe(404);
    expect((await outsider.put(url, body)).statusCode).toBe(404);
    // Their failed attempt changed nothing.
    const owner = await signInAs(t.app, practice.owner.email);
    expect((await owner.get(url)).json<ClientBilling>().diagnoses).toHaveLength(2);
  });
});
