import { expect, type Page } from '@playwright/test';
import { openDatabase } from '../../../src/server/db/database.js';
import type { StaffRole } from '../../../src/server/db/schema.js';
import { systemClock } from '../../../src/server/platform/clock.js';
import { createStaff, factoryPassword } from '../../factories/practices.js';
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

/** A member of a practice's team made by addMembers, with the factory's password. */
export interface Member {
  id: string;
  name: string;
  email: string;
}

/** Members of the practice's team, written straight into the server's database. */
export async function addMembers(
  server: Portico,
  slug: string,
  people: { name: string; email: string; roles: StaffRole[] }[],
): Promise<Member[]> {
  const database = openDatabase(server.databasePath);
  try {
    const practice = await database.db
      .selectFrom('practices')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const members: Member[] = [];
    for (const person of people) {
      members.push(await createStaff({ db: database.db, clock: systemClock }, practice.id, person));
    }
    return members;
  } finally {
    await database.close();
  }
}

/** The staff sign-in page, as a member made by addMembers types it; lands on Clients. */
export async function signInAsMember(page: Page, member: Pick<Member, 'email'>): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(factoryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}
