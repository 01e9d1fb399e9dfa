import { expect, type Page } from '@playwright/test';
import type { ReceivedMail } from '../../helpers/smtp-sink.js';
import type { Portico } from './portico.js';

/** The password people invited to a team choose when they accept. */
export const memberPassword = 'a sentence for my new password';

/** The accept link of a team invitation email (text and HTML carry the same one). */
export function acceptLink(server: Portico, mail: ReceivedMail): string {
  const link = new RegExp(
    `${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/accept-invitation#token=[A-Za-z0-9_-]{40,}`,
  ).exec(mail.text)?.[0];
  if (!link) throw new Error(`no accept link in the invitation email:\n${mail.text}`);
  expect(mail.html).toContain(`href="${link}"`);
  return link;
}

/** Someone new to Portico accepts an invitation by choosing a password, and lands on Clients. */
export async function acceptAsNewPerson(page: Page, link: string, practiceName?: string): Promise<void> {
  await page.goto(link);
  if (practiceName) {
    await expect(page.getByRole('heading', { name: `Join ${practiceName}`, level: 1 })).toBeVisible();
  }
  await page.getByLabel('Password', { exact: true }).fill(memberPassword);
  await page.getByLabel('Confirm password').fill(memberPassword);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}
