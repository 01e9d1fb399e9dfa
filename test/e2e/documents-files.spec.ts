import { readFile } from 'node:fs/promises';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  emailsTo,
  expect,
  practiceNamed,
  practiceWithSignedInClient,
  screenshotBoth,
  settle,
  test,
  waitForEmail,
} from './support/portal.js';

const alder = practiceNamed('Alder Street Therapy', 'alder-street');
const person = { firstName: 'Ines', lastName: 'Moreau-Castellanos', address: 'ines.moreau@example.test' };

/** A small but real PDF: what a practice shares as a handout. */
const handout = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

test('staff upload a handout on the Documents tab; the client is emailed without its name and downloads it in the portal', async ({
  browser,
  server,
}) => {
  const { staff, client, clientPage } = await practiceWithSignedInClient(browser, server, alder, person);
  const page = staff.page;
  await page.goto(`/clients/${client.id}/documents`);
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files.getByText('No files shared yet.')).toBeVisible();

  // A text file is refused by its content, whatever the browser says it is.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'notes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not really a PDF\n'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not upload the file' })).toContainText(
    'must be a PDF, PNG, JPEG or HEIC file',
  );

  await page.locator('input[type="file"]').setInputFiles({
    name: 'Sleep hygiene handout.pdf',
    mimeType: 'application/pdf',
    buffer: handout,
  });
  await expect(files.getByText('Sleep hygiene handout.pdf')).toBeVisible();
  await expect(files.getByText(/Not downloaded yet/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not upload the file' })).toHaveCount(0);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'documents-files-staff', screenshot);

  // The client is told a file is waiting, never which.
  const mail = await waitForEmail(server, person.address, 2);
  expect(mail.subject).toBe(`A file from ${alder.name}`);
  expect(mail.text).toContain('shared a file for you in your Client Portal');
  expect(mail.text).not.toMatch(/Sleep|handout/i);
  expect(emailsTo(server, person.address)).toHaveLength(2);

  // The portal's Documents lists it under the practice's files; Download gives the same bytes.
  await clientPage.goto(`/portal/${alder.slug}/documents`);
  const shared = clientPage.getByRole('region', { name: 'Files from your practice' });
  await expect(shared.getByText('Sleep hygiene handout.pdf')).toBeVisible();
  await settle(clientPage);
  await expectAccessible(clientPage);
  await screenshotBoth(clientPage, 'documents-files-portal', screenshot);
  const [download] = await Promise.all([
    clientPage.waitForEvent('download'),
    shared.getByRole('link', { name: 'Download Sleep hygiene handout.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Sleep hygiene handout.pdf');
  expect((await readFile(await download.path())).equals(handout)).toBe(true);

  // Staff see it was downloaded; Remove takes it back from the portal.
  await page.reload();
  await expect(files.getByText(/· Downloaded/)).toBeVisible();
  await files.getByRole('button', { name: 'Remove Sleep hygiene handout.pdf' }).click();
  await expect(files.getByText('No files shared yet.')).toBeVisible();
  await clientPage.reload();
  await expect(clientPage.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await expect(clientPage.getByText('Sleep hygiene handout.pdf')).toHaveCount(0);
});
