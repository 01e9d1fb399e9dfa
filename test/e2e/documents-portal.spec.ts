import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openDatabase } from '../../src/server/db/database.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { createSharedDocument } from '../factories/shared-documents.js';
import { sampleFiles } from '../helpers/messages.js';
import { readPdfWords } from '../helpers/pdf-text.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import {
  desktop,
  expect,
  expectHome,
  newDevice,
  nextSignInEmail,
  openLink,
  phone,
  practiceNamed,
  practiceWithSignedInClient,
  requestLinkOnPortal,
  screenshotBoth,
  settle,
  test,
} from './support/portal.js';

const cedar = practiceNamed('Cedar Grove Counselling', 'cedar-grove');
const person = { firstName: 'Zoë', lastName: 'Łukasiewicz', address: 'zoe.lukasiewicz@example.test' };

const reason = 'I have been sleeping badly since moving to Kraków, and would like help with it.';

/** A photo of the card as a phone would send it: a PNG of some 40 KB. */
const cardPhoto = Buffer.concat([sampleFiles.png(), Buffer.alloc(40 * 1024, 1)]);
const cardPdf = Buffer.concat([sampleFiles.pdf(), Buffer.alloc(20 * 1024, 32)]);

/** Picks a file with the question's button, as a person does (the button opens the system's picker). */
async function chooseFile(
  page: Page,
  button: ReturnType<Page['getByRole']>,
  file: { name: string; mimeType: string; buffer: Buffer },
  by: 'click' | 'keyboard' = 'click',
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  if (by === 'keyboard') {
    await button.focus();
    await page.keyboard.press('Enter');
  } else await button.click();
  await (await chooser).setFiles(file);
}

/** Shares an intake packet with the client, written into the server's database as the Share flow leaves it. */
async function shareIntake(server: Portico, practiceSlug: string, clientId: string): Promise<string> {
  const database = openDatabase(server.databasePath);
  try {
    const practice = await database.db
      .selectFrom('practices')
      .select('id')
      .where('slug', '=', practiceSlug)
      .executeTakeFirstOrThrow();
    const shared = await createSharedDocument({ db: database.db, clock: systemClock }, practice.id, clientId, {
      content: {
        kind: 'form',
        questions: [
          { id: 'about', kind: 'heading', label: 'About you', help: 'Answer what you can; we will talk it through.' },
          { id: 'reason', kind: 'long_text', label: 'What brings you to therapy?', required: true },
          { id: 'seen', kind: 'yes_no', label: 'Have you seen a therapist before?', required: true },
          { id: 'times', kind: 'multiple_choice', label: 'Times that suit you', options: ['Mornings', 'Evenings'] },
          { id: 'mood', kind: 'scale', label: 'Mood this week', min: 1, max: 5, minLabel: 'Low', maxLabel: 'Great' },
          {
            id: 'card',
            kind: 'file_upload',
            label: 'Photo of your insurance card',
            help: 'The front of the card is enough.',
            required: true,
          },
          { id: 'sign', kind: 'signature', label: 'Your signature', required: true },
        ],
      },
      name: 'Intake questionnaire',
      dueDate: '2030-01-15',
      message: 'Please fill this in before our first session.',
    });
    return shared.id;
  } finally {
    await database.close();
  }
}

async function openDocuments(page: Page, slug: string): Promise<void> {
  await page.goto(`/portal/${slug}/documents`);
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
}

async function draw(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: /Signature drawing area/ });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no drawing area');
  await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 30 + i * 18, box.y + box.height * (i % 2 ? 0.3 : 0.7), { steps: 3 });
  await page.mouse.up();
}

test('a client fills in a shared intake form, resumes on another device, signs and submits; the clinician reads it and its PDF', async ({
  browser,
  server,
}) => {
  const { staff, client, clientPage } = await practiceWithSignedInClient(browser, server, cedar, person);
  const documentId = await shareIntake(server, cedar.slug, client.id);

  // Home counts what there is to complete.
  await clientPage.reload();
  await expect(clientPage.getByText('1 document to complete')).toBeVisible();
  await clientPage.getByRole('link', { name: 'Open documents' }).click();
  await expect(clientPage.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  const toComplete = clientPage.getByRole('region', { name: 'To complete' });
  await expect(toComplete.getByText('Intake questionnaire')).toBeVisible();
  await expect(toComplete.getByText(/Due Jan 15, 2030/)).toBeVisible();
  await settle(clientPage);
  await expectAccessible(clientPage);
  await screenshotBoth(clientPage, 'documents-list', screenshot);

  // Half of it on the first device: saved on the server as it goes.
  await toComplete.getByRole('link', { name: 'Start Intake questionnaire' }).click();
  await expect(clientPage.getByRole('heading', { level: 1, name: 'Intake questionnaire' })).toBeVisible();
  await expect(clientPage.getByText('Please fill this in before our first session.')).toBeVisible();
  await clientPage.getByLabel('What brings you to therapy?').fill(reason);
  await clientPage.getByRole('radiogroup', { name: 'Have you seen a therapist before?' }).getByLabel('No').check();
  await expect(clientPage.getByText(/Draft saved at/)).toBeVisible();
  await settle(clientPage);
  await expectAccessible(clientPage);
  await screenshotBoth(clientPage, 'documents-form', screenshot);

  // Another device: a new sign-in, the answers are there.
  const second = await newDevice(browser, server, phone);
  await requestLinkOnPortal(second.page, cedar.slug, person.address);
  await openLink(second.page, await nextSignInEmail(server, person.address, cedar.slug, 2));
  await expectHome(second.page, cedar.slug, person.firstName, cedar.name);
  await openDocuments(second.page, cedar.slug);
  await second.page.getByRole('link', { name: 'Continue Intake questionnaire' }).click();
  const page = second.page;
  await expect(page.getByLabel('What brings you to therapy?')).toHaveValue(reason);
  await expect(
    page.getByRole('radiogroup', { name: 'Have you seen a therapist before?' }).getByLabel('No'),
  ).toBeChecked();
  await page.getByRole('checkbox', { name: 'Evenings' }).check();
  await page
    .getByRole('radiogroup', { name: /Mood this week/ })
    .getByLabel('4', { exact: true })
    .check();

  // The insurance card: a text file is refused in words, a photo is taken (by keyboard), then replaced.
  const card = page.getByRole('group', { name: /Photo of your insurance card/ });
  await card.scrollIntoViewIfNeeded();
  await chooseFile(page, card.getByRole('button', { name: 'Choose a file' }), {
    name: 'card.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a picture of a card'),
  });
  await expect(card.getByRole('alert')).toHaveText('card.txt must be a PDF, PNG, JPEG or HEIC file.');
  await settle(page);
  await screenshot(page, 'documents-file-question-refused-phone');
  await chooseFile(
    page,
    card.getByRole('button', { name: 'Choose a file' }),
    { name: 'card-front.png', mimeType: 'image/png', buffer: cardPhoto },
    'keyboard',
  );
  await expect(card.getByRole('link', { name: 'card-front.png' })).toBeVisible();
  await expect(card.getByText('40 KB · uploaded')).toBeVisible();
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/Draft saved at/)).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'documents-file-question-phone');
  await chooseFile(page, card.getByRole('button', { name: 'Replace' }), {
    name: 'Insurance card.pdf',
    mimeType: 'application/pdf',
    buffer: cardPdf,
  });
  await expect(card.getByRole('link', { name: 'Insurance card.pdf' })).toBeVisible();
  await expect(card.getByRole('link', { name: 'card-front.png' })).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Remove Insurance card.pdf' })).toBeVisible();

  // Not signed yet: the server names what is missing.
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Some answers are needed before you can submit' }),
  ).toContainText('Your signature: must be signed');
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'documents-form-missing-signature-phone');

  // Sign by drawing, agree to sign electronically, submit.
  await expect(page.getByLabel('Your full name')).toHaveValue(`${person.firstName} ${person.lastName}`);
  await draw(page);
  await page.getByRole('checkbox', { name: /I agree to sign this document electronically/ }).check();
  await expect(page.getByText(/Draft saved at/)).toBeVisible();
  await settle(page);
  await screenshot(page, 'documents-form-signed-phone');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Completed on/ })).toBeVisible();
  await page.setViewportSize(desktop);
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'documents-completed-desktop');
  // The client downloads the file they sent.
  const [own] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Insurance card.pdf' }).click(),
  ]);
  expect((await readFile(await own.path())).equals(cardPdf)).toBe(true);

  // Completed is locked: the API refuses a later draft.
  const late = await page.request.put(`/api/portal/${cedar.slug}/documents/${documentId}/draft`, {
    data: { answers: { reason: 'changed' } },
    headers: { 'x-csrf-token': await portalCsrf(page) },
  });
  expect(late.status()).toBe(409);

  // The list moves it to Completed; Home has nothing left.
  await openDocuments(page, cedar.slug);
  await expect(page.getByRole('region', { name: 'Completed' }).getByText('Intake questionnaire')).toBeVisible();
  await expect(page.getByRole('region', { name: 'To complete' }).getByText('Nothing to complete')).toBeVisible();

  // The clinician (the practice's owner, the client's clinician) reads it and downloads the PDF.
  const clinician = staff.page;
  await clinician.goto(`/clients/${client.id}/documents`);
  const viewAnswers = clinician.getByRole('link', { name: 'View answers to Intake questionnaire' });
  await expect(viewAnswers).toBeVisible();
  await settle(clinician);
  await screenshotBoth(clinician, 'documents-tab-completed', screenshot);
  await viewAnswers.click();
  await expect(clinician).toHaveURL(new RegExp(`/clients/${client.id}/documents/${documentId}/completed$`));
  await expect(clinician.getByRole('heading', { level: 1, name: 'Intake questionnaire' })).toBeVisible();
  await expect(clinician.getByText(reason)).toBeVisible();
  await expect(clinician.getByText('Completed · version 1 · locked')).toBeVisible();
  const hash = (await clinician.locator('code').first().innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(
    clinician.getByRole('img', { name: `Signature drawn by ${person.firstName} ${person.lastName}` }),
  ).toBeVisible();
  await settle(clinician);
  await expectAccessible(clinician);
  await screenshotBoth(clinician, 'documents-staff-completed', screenshot);

  // The file the client uploaded: its name, size and hash on the record, and the file itself.
  const uploaded = clinician.getByRole('link', { name: 'Download Insurance card.pdf' });
  await expect(uploaded).toBeVisible();
  const cardHash = createHash('sha256').update(cardPdf).digest('hex');
  await expect(clinician.getByText(cardHash)).toBeVisible();
  const [cardDownload] = await Promise.all([clinician.waitForEvent('download'), uploaded.click()]);
  expect(cardDownload.suggestedFilename()).toBe('Insurance card.pdf');
  expect((await readFile(await cardDownload.path())).equals(cardPdf)).toBe(true);

  const [download] = await Promise.all([
    clinician.waitForEvent('download'),
    clinician.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  const path = await download.path();
  const words = await readPdfWords(await readFile(path));
  for (const expected of [
    cedar.name,
    `${person.firstName} ${person.lastName}`,
    'Intake questionnaire',
    'Version 1',
    'Have you seen a therapist before? No',
    '• Evenings',
    'Signed by Zoë Łukasiewicz',
    'Photo of your insurance card Insurance card.pdf',
    `SHA-256 ${cardHash}`,
    hash,
  ])
    expect(words).toContain(expected);
  expect(words.replace(/\s+/g, ' ')).toContain(reason);
});

async function portalCsrf(page: Page): Promise<string> {
  const response = await page.request.get(`/api/portal/${cedar.slug}/me`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}
