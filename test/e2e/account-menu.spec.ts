import type { Page } from '@playwright/test';
import { openDatabase } from '../../src/server/db/database.js';
import { insertMembership } from '../../src/server/modules/staff/index.js';
import { iso, systemClock } from '../../src/server/platform/clock.js';
import { createPractice } from '../factories/practices.js';
import { expectAccessible } from './support/fixtures.js';
import { expect, practiceNamed, settle, staffDevice, test } from './support/portal.js';
import type { Portico } from './support/portico.js';

/**
 * The account menu in the staff shell behaves as a menu does: it opens with the keyboard or a
 * click, moves focus into its items, closes on Escape and gives focus back to its button.
 */

const cedar = practiceNamed('Cedar Grove Counselling', 'cedar-grove');

function accountButton(page: Page) {
  return page.getByRole('button', { name: `Account menu for ${cedar.ownerName}` });
}

test('the account menu closes on Escape and gives focus back to its button', async ({ browser, server }) => {
  const { page } = await staffDevice(browser, server, cedar);
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const menu = page.getByRole('menu');

  // Opened with the keyboard: focus is on an item, the arrows move it, Escape closes.
  await accountButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'My account' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await settle(page);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(accountButton(page)).toBeFocused();

  // Opened with a click: Escape closes it too.
  await accountButton(page).click();
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(accountButton(page)).toBeFocused();
  // Still signed in, on the same page.
  await expect(page).toHaveURL(/\/clients$/);
});

/** Puts the owner of `slug` on the team of a second practice, as a clinician; returns its name. */
async function joinAnotherPractice(server: Portico, slug: string): Promise<string> {
  const database = openDatabase(server.databasePath);
  try {
    const deps = { db: database.db, clock: systemClock };
    const other = await createPractice(deps, { name: 'Willow Family Therapy' });
    const owner = await database.db
      .selectFrom('staff_users')
      .innerJoin('practices', 'practices.id', 'staff_users.practice_id')
      .select('staff_users.id')
      .where('practices.slug', '=', slug)
      .executeTakeFirstOrThrow();
    await insertMembership(database.db, {
      practiceId: other.id,
      staffId: owner.id,
      roles: ['clinician'],
      createdAt: iso(systemClock.now()),
    });
    return other.name;
  } finally {
    await database.close();
  }
}

test('with practices to switch between, the account menu still closes on Escape', async ({ browser, server }) => {
  const { page } = await staffDevice(browser, server, cedar);
  const willow = await joinAnotherPractice(server, cedar.slug);
  await page.goto('/clients');
  const menu = page.getByRole('menu');

  await accountButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(menu.getByText('Switch practice')).toBeVisible();
  // The practice you are in is marked and cannot be chosen; focus starts on the first that can.
  await expect(menu.getByRole('menuitem', { name: cedar.name })).toBeDisabled();
  await expect(menu.getByRole('menuitem', { name: willow })).toBeFocused();
  await settle(page);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(accountButton(page)).toBeFocused();

  await accountButton(page).click();
  await expect(menu.getByText('Switch practice')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(accountButton(page)).toBeFocused();
  await expect(page.getByRole('link', { name: `Portico — ${cedar.name}` })).toBeVisible();
});
