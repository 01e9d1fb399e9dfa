import { expectAccessible, expect, screenshot, test } from './support/fixtures.js';
import { setUpPracticeByApi } from './support/staff.js';

/** Settings → Services: the owner adds a service offered by them, an office and Telehealth. */
test('the owner adds a service and locations in Settings → Services', async ({ page, portico }) => {
  const account = await setUpPracticeByApi(page, portico);
  await page.goto(`${portico.url}/settings/services`);
  await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
  await expect(page.getByText('No services yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Add service' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add service' });
  await dialog.getByLabel('Name').fill('Individual therapy');
  await dialog.getByLabel('CPT code (optional)').fill('9083');
  await dialog.getByLabel('Default fee').fill('150');
  await dialog.getByRole('checkbox', { name: account.ownerName }).check();
  await dialog.getByRole('button', { name: 'Add service' }).click();
  // A CPT code of four digits is refused, naming the field.
  await expect(dialog.getByText('Must be a CPT code such as 90834')).toBeVisible();
  await dialog.getByLabel('CPT code (optional)').fill('90834');
  await dialog.getByRole('button', { name: 'Add service' }).click();
  await expect(dialog).toBeHidden();
  const services = page.getByRole('list', { name: 'Services' });
  await expect(services.getByText('Individual therapy')).toBeVisible();
  await expect(services.getByText(`50 min · 150.00 · ${account.ownerName}`)).toBeVisible();

  await page.getByRole('button', { name: 'Add location' }).click();
  const office = page.getByRole('dialog', { name: 'Add location' });
  await office.getByLabel('Name').fill('Main office');
  await office.getByLabel('Address').fill('12 Harbour Street\nBoston, MA 02110');
  await office.getByRole('button', { name: 'Add location' }).click();
  await expect(office).toBeHidden();
  await page.getByRole('button', { name: 'Add location' }).click();
  const video = page.getByRole('dialog', { name: 'Add location' });
  await video.getByText('Telehealth').click();
  await video.getByLabel('Name').fill('Telehealth');
  await video.getByLabel('Default video link (optional)').fill('https://meet.example.test/harbour');
  await video.getByRole('button', { name: 'Add location' }).click();
  await expect(video).toBeHidden();
  const locations = page.getByRole('list', { name: 'Locations' });
  await expect(locations.getByText('https://meet.example.test/harbour')).toBeVisible();
  await expect(locations.getByText('Main office')).toBeVisible();

  await page.getByRole('button', { name: 'Archive Individual therapy' }).click();
  await expect(services.getByText('Archived')).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'settings-services-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'settings-services-phone');
});
