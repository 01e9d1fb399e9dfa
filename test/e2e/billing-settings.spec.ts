import { expectAccessible } from './support/fixtures.js';
import { desktop, expect, newDevice, phone, practiceNamed, settle, staffDevice, test } from './support/portal.js';
import { chooseOption, snap } from './support/staff.js';
import { addMembers, signInAsMember } from './support/team.js';

/**
 * Settings → Billing and a client's Billing tab (issue 20, items 1–3): the owner fills in what
 * the practice bills as (a bad group NPI is refused beside its field), gives a clinician their
 * NPI and license, and records a client's diagnoses and insurance; a scheduler sees no billing.
 */

const cedar = practiceNamed('Cedar Counselling', 'cedar-billing');

test('the owner sets up billing, a clinician’s NPI and a client’s diagnoses; a scheduler sees no billing', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, cedar);
  const [cleo, sadie] = await addMembers(server, cedar.slug, [
    { name: 'Cleo Marsh', email: 'cleo@cedar-billing.test', roles: ['clinician'] },
    { name: 'Sadie Lindqvist', email: 'sadie@cedar-billing.test', roles: ['scheduler'] },
  ]);
  if (!cleo || !sadie) throw new Error('no members');
  const ada = await owner.api.createClient({
    firstName: 'Ada',
    lastName: 'Lovelace',
    emails: [{ address: 'ada@example.test' }],
  });
  const { page } = owner;

  // Settings → Billing, last of the owner's settings.
  await page.goto('/clients');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const settingsNav = page.getByRole('navigation', { name: 'Settings' });
  await settingsNav.getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
  // Until saved, the practice's own name, and its country's currency.
  await expect(page.getByLabel('Legal name')).toHaveValue('Cedar Counselling');
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD — US Dollar');

  await page.getByLabel('Legal name').fill('Cedar Counselling LLC');
  await page.getByLabel('Billing address').fill('4 Cedar Lane\nPortland, ME 04101');
  await page.getByLabel('Billing phone').fill('(207) 555-0199');
  await page.getByLabel('Tax ID (EIN)').fill('123456789');
  await page.getByLabel('Group NPI').fill('1234567890');
  await page.getByLabel('Invoice number prefix').fill('CED-');
  await page.getByLabel('Payment terms').fill('14');
  await page.getByRole('radio', { name: 'By hand, grouping appointments into an invoice' }).check();
  await page.getByLabel('Late-cancellation fee').fill('50');
  await page.getByLabel('No-show fee').fill('75.5');
  await expect(page.getByText('Charged as $75.50')).toBeVisible();
  await page.getByRole('button', { name: 'Save billing settings' }).click();
  // The NPI's check digit is wrong: said beside the field, and nothing is saved.
  await expect(page.getByLabel('Group NPI')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Group NPI')).toHaveAccessibleDescription(
    'Is not a valid NPI: it must be 10 digits and pass the NPI check digit (Luhn)',
  );
  await settle(page);
  await expectAccessible(page);
  await snap(page, 'billing-settings-bad-npi-desktop');
  expect((await owner.api.get<{ settings: { saved: boolean } }>('/settings/billing')).settings.saved).toBe(false);

  await page.getByLabel('Group NPI').fill('1234567893');
  await page.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByText('Billing settings saved')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Tax ID (EIN)')).toHaveValue('12-3456789');
  await expect(page.getByLabel('Group NPI')).toHaveValue('1234567893');
  await expect(page.getByLabel('Billing phone')).toHaveValue('(207) 555-0199');
  await expect(page.getByLabel('No-show fee')).toHaveValue('75.50');
  await expect(page.getByLabel('Late-cancellation fee')).toHaveValue('50.00');
  await expect(page.getByRole('radio', { name: 'By hand, grouping appointments into an invoice' })).toBeChecked();
  const saved = await owner.api.get<{ settings: Record<string, unknown> }>('/settings/billing');
  expect(saved.settings).toMatchObject({ lateCancelFeeMinor: 5000, noShowFeeMinor: 7550, paymentTermsDays: 14 });

  // Cleo's billing identity.
  const clinicians = page.getByRole('list', { name: 'Clinicians' });
  await expect(clinicians.getByRole('listitem')).toHaveCount(2);
  await clinicians.getByRole('button', { name: 'Edit billing details of Cleo Marsh' }).click();
  const dialog = page.getByRole('dialog', { name: 'Billing details of Cleo Marsh' });
  await dialog.getByLabel('Credentials').fill('LCSW');
  await dialog.getByLabel('Individual NPI').fill('1234567894');
  await dialog.getByLabel('License number').fill('LICW-118822');
  await chooseOption(page, 'License state', 'ME');
  await dialog.getByRole('button', { name: 'Save billing details' }).click();
  await expect(dialog.getByLabel('Individual NPI')).toHaveAccessibleDescription(/NPI check digit \(Luhn\)/);
  await dialog.getByLabel('Individual NPI').fill('1234567893');
  await dialog.getByRole('button', { name: 'Save billing details' }).click();
  await expect(dialog).toBeHidden();
  await expect(clinicians.getByRole('listitem').filter({ hasText: 'Cleo Marsh' })).toContainText(
    'LCSW · NPI 1234567893 · License LICW-118822 (ME)',
  );
  await settle(page);
  await expectAccessible(page);
  await page.setViewportSize(desktop);
  await snap(page, 'billing-settings-desktop');
  await page.setViewportSize(phone);
  await snap(page, 'billing-settings-phone');
  await page.setViewportSize(desktop);

  // Ada's Billing tab: two diagnoses (one mistyped first), her insurer and billing address.
  await page.goto(`/clients/${ada.id}`);
  await page.getByRole('navigation', { name: 'Client sections' }).getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByRole('heading', { name: 'Billing', level: 2 })).toBeVisible();
  await expect(page.getByText('No diagnoses yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Add diagnosis' }).click();
  await page.getByLabel('Diagnosis 1 code').fill('f411');
  await page.getByLabel('Diagnosis 1 description').fill('Generalized anxiety disorder');
  await page.getByRole('button', { name: 'Add diagnosis' }).click();
  await page.getByLabel('Diagnosis 2 code').fill('63.0');
  await page.getByLabel('Diagnosis 2 description').fill('Relationship distress with spouse');
  await page.getByLabel('Payer name').fill('Blue Harbor Health');
  await page.getByLabel('Member ID').fill('BHH-4471902');
  await page.getByRole('textbox', { name: 'Billing address' }).fill('12 Wharf Road\nSalem, MA 01970');
  await page.getByRole('button', { name: 'Save billing details' }).click();
  await expect(page.getByLabel('Diagnosis 2 code')).toHaveAccessibleDescription(
    'Must be an ICD-10-CM code such as F41.1',
  );
  await page.getByLabel('Diagnosis 2 code').fill('Z63.0');
  // The relationship comes first: moved up, it becomes pointer A.
  await page.getByRole('button', { name: 'Move diagnosis 2 up' }).click();
  await expect(page.getByLabel('Diagnosis 1 code')).toHaveValue('Z63.0');
  await page.getByRole('button', { name: 'Save billing details' }).click();
  await expect(page.getByText('Billing details saved')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Diagnosis 1 code')).toHaveValue('Z63.0');
  await expect(page.getByLabel('Diagnosis 2 code')).toHaveValue('F41.1');
  await expect(page.getByLabel('Member ID')).toHaveValue('BHH-4471902');
  await expect(page.getByRole('textbox', { name: 'Billing address' })).toHaveValue('12 Wharf Road\nSalem, MA 01970');
  await settle(page);
  await expectAccessible(page);
  await snap(page, 'billing-client-tab-desktop');
  await page.setViewportSize(phone);
  await snap(page, 'billing-client-tab-phone');
  await expectAccessible(page);

  // The scheduler: no Billing tab, no Billing in Settings, and the API refuses.
  const front = await newDevice(browser, server, desktop);
  await signInAsMember(front.page, sadie);
  await front.page.goto(`/clients/${ada.id}`);
  await expect(front.page.getByRole('heading', { level: 1 })).toContainText('Ada Lovelace');
  const sections = front.page.getByRole('navigation', { name: 'Client sections' });
  await expect(sections.getByRole('link')).toHaveText(['Overview', 'Edit']);
  await front.page.goto(`/clients/${ada.id}/billing`);
  await expect(front.page.getByRole('alert', { name: 'Billing is not available to you' })).toBeVisible();
  await expect(front.page.getByText('BHH-4471902')).toHaveCount(0);
  expect((await front.page.request.get(`/api/clients/${ada.id}/billing`)).status()).toBe(403);
  await front.page.goto('/settings/account');
  await expect(
    front.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Billing' }),
  ).toHaveCount(0);
  expect((await front.page.request.get('/api/settings/billing')).status()).toBe(403);
  await settle(front.page);
  await expectAccessible(front.page);
});
