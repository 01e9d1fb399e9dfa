import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { setUpPracticeByApi } from './support/staff.js';

/**
 * What a new visitor's browser console shows on the pages they meet first: nothing. Every console
 * error or warning (a failed request is logged as an error, React Router prints its warnings) and
 * every 4xx or 5xx answer is collected while the page loads.
 */
function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return { problems };
}

test('the staff and portal sign-in pages load without a console error or warning and without a 4xx answer', async ({
  browser,
  portico,
}) => {
  const ownerContext = await browser.newContext({ baseURL: portico.url });
  const account = await setUpPracticeByApi(await ownerContext.newPage(), portico);
  await ownerContext.close();

  const context = await browser.newContext({ baseURL: portico.url });
  const page = await context.newPage();
  const watched = watch(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(watched.problems, 'staff sign-in page').toEqual([]);

  await page.goto(`/portal/${account.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: account.practiceName })).toBeVisible();
  await page.getByRole('link', { name: "I'm an existing client" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(watched.problems, 'portal sign-in page').toEqual([]);
  await context.close();
});
