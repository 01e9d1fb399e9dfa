import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { prepareDemo } from '../../seed/demo-instance.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { expect, expectAccessible, screenshot } from './support/fixtures.js';
import { desktop, phone } from './support/portal.js';

// The server `npm run demo` starts: the demo practice seeded through the services, DEMO=1.
const test = base.extend<object, { demo: { url: string } }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-demo-'));
      const port = 4100 + Math.floor(Math.random() * 800);
      const { config } = await prepareDemo({
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SESSION_SECRET: 'e2e-secret-that-is-at-least-32-characters',
        LOG_LEVEL: 'warn',
      });
      const server: RunningServer = await startServer(config);
      await use({ url: `http://localhost:${port}` });
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

async function both(page: Page, name: string): Promise<void> {
  await page.setViewportSize(desktop);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(phone);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(desktop);
}

test('the demo shows its sign-in details and opens the portal as a client with unread messages', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.url}/sign-in`);
  const details = page.getByRole('region', { name: 'Demo sign-in details' });
  await expect(details).toBeVisible();
  const [email, password] = await details.locator('code').allTextContents();
  expect(email).toBe('owner@demo.portico.test');
  await expectAccessible(page);
  await both(page, 'demo-sign-in');

  await page.getByLabel('Email').fill(email ?? '');
  await page.getByRole('textbox', { name: 'Password' }).fill(password ?? '');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const banner = page.getByRole('region', { name: 'Demo' });
  const open = banner.getByRole('button', { name: 'Open the portal as Maggie Okafor' });
  await expect(open).toBeVisible();
  await expectAccessible(page);
  await both(page, 'demo-staff-banner');

  await open.click();
  await page.waitForURL(/\/portal\/harbour-light(\/|$)(?!sign-in)/);
  await expect(page.getByText('2 unread messages')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Maggie');
  await expectAccessible(page);
  await both(page, 'demo-portal-home');

  // The link worked once; coming back to the staff app, the banner issues a fresh one.
  await page.goto(`${demo.url}/clients`);
  await page.getByRole('button', { name: 'Open the portal as Maggie Okafor' }).click();
  await page.waitForURL(/\/portal\/harbour-light(\/|$)(?!sign-in)/);
  await expect(page.getByText('2 unread messages')).toBeVisible();
});

test('the staff app of the demo shows the conversations waiting and what became of invitations', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.url}/sign-in`);
  await page.getByRole('button', { name: 'Use these details' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Demo' })).toBeVisible();
  await page.goto(`${demo.url}/messages`);
  await expect(page.getByText('Liam O’Connor').or(page.getByText("Liam O'Connor")).first()).toBeVisible();
  await expectAccessible(page);
  await both(page, 'demo-staff-messages');

  // Priya's invitations: the first was cancelled when the second went to her work address.
  await page.goto(`${demo.url}/clients`);
  await page.getByRole('link', { name: 'Raman-Shah, Priya' }).click();
  await page.waitForURL(/\/clients\/[\w-]+$/);
  await page.goto(`${page.url()}/edit?tab=portal`);
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(
    page
      .getByText('Sent', { exact: true })
      .or(page.getByText('Queued', { exact: true }))
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  await both(page, 'demo-staff-invitations');
});
