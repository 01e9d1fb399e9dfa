import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  StaffApi,
  desktop,
  expect,
  newDevice,
  nextSignInEmail,
  notSignedInBanner,
  practiceNamed,
  screenshotBoth,
  settle,
  staffSignIn,
  test,
  viewportShot,
} from './support/portal.js';

const birch = practiceNamed('Birch Lane Counseling', 'birch-lane');

test.describe('Documents: building a template and sharing a packet', () => {
  test('an owner builds and edits a form, then shares a packet with a client who has no access through the invite steps', async ({
    browser,
    server,
  }) => {
    const setup = await newDevice(browser, server);
    const api = await StaffApi.createPractice(setup.context.request, birch);
    const client = await api.createClient({
      firstName: 'Noor',
      lastName: 'Haddad',
      emails: [{ address: 'noor@example.test' }],
    });
    await setup.context.close();

    const { page } = await newDevice(browser, server, desktop);
    await staffSignIn(page, birch);

    // Settings → Documents: the starter templates are there, written for the practice to edit.
    await page.goto('/settings/documents');
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    for (const name of [
      'Intake questionnaire',
      'Informed consent for therapy',
      'Notice of privacy practices',
      'Release of information',
    ]) {
      await expect(page.getByRole('link', { name })).toBeVisible();
    }
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'documents-templates', screenshot);

    // The builder: a new form with questions of several kinds, one moved, each labelled.
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Sleep check-in');
    await page.getByRole('textbox', { name: 'Question', exact: true }).first().fill('Your name');
    await page.getByRole('combobox', { name: 'New question' }).click();
    await page.getByRole('option', { name: 'Scale' }).click();
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('textbox', { name: 'Question', exact: true }).nth(1).fill('How rested do you feel?');
    await page.getByRole('combobox', { name: 'New question' }).click();
    await page.getByRole('option', { name: 'Single choice' }).click();
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('textbox', { name: 'Question', exact: true }).nth(2).fill('When do you usually fall asleep?');
    await page.getByRole('textbox', { name: 'Options' }).fill('Before 10 pm\n10 pm to midnight\nAfter midnight');
    await page.getByRole('button', { name: 'Move question 3 up' }).click();
    await expect(page.getByRole('textbox', { name: 'Question', exact: true }).nth(1)).toHaveValue(
      'When do you usually fall asleep?',
    );
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'documents-builder', screenshot);
    await page.getByRole('button', { name: 'Create template' }).click();
    await expect(page.getByText('Template created')).toBeVisible();
    await expect(page).toHaveURL(/\/settings\/documents\/[0-9a-f-]{36}$/);

    // Editing saves version 2 (once the saved template has loaded into the editor).
    await expect(page.getByText(/^Version 1\. Saving changes makes version 2/)).toBeVisible();
    const firstQuestion = page.getByRole('textbox', { name: 'Question', exact: true }).first();
    await expect(firstQuestion).toHaveValue('Your name');
    await firstQuestion.fill('Your full name');
    await expect(firstQuestion).toHaveValue('Your full name');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByText('Saved as version 2')).toBeVisible();

    // The client's profile → Documents → Share: the client has no access, so the share invites them.
    await page.goto(`/clients/${client.id}/documents`);
    await expect(page.getByText('Nothing shared yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share documents' });
    await expect(dialog.getByText('Sharing documents also invites Noor to the portal.')).toBeVisible();
    await dialog.getByRole('checkbox', { name: 'Sleep check-in' }).check();
    await dialog.getByRole('checkbox', { name: 'Informed consent for therapy' }).check();
    await dialog.getByRole('button', { name: 'Move Informed consent for therapy up' }).click();
    await expect(dialog.getByText('1. Informed consent for therapy')).toBeVisible();
    await dialog.getByLabel('Due date (optional)').fill('2030-03-01');
    await settle(page);
    await expectAccessible(page);
    await viewportShot(page, 'documents-share-choose-desktop');
    await dialog.getByRole('button', { name: 'Continue to Email' }).click();

    const email = page.getByRole('dialog', { name: 'Email' });
    await expect(email.getByRole('combobox', { name: 'Send the invitation to' })).toHaveValue('noor@example.test');
    await email.getByRole('textbox', { name: 'Welcome message' }).fill('Hi Noor, two short documents before we meet.');
    await email.getByRole('button', { name: 'Continue to Review' }).click();

    const review = page.getByRole('dialog', { name: 'Review' });
    await expect(review.getByText('Informed consent for therapy, Sleep check-in')).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await viewportShot(page, 'documents-share-review-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    await viewportShot(page, 'documents-share-review-phone');
    await page.setViewportSize(desktop);
    await review.getByRole('button', { name: 'Share & Send Now' }).click();

    // The invitation arrives at the loopback SMTP server, and the dialog shows it on its way.
    const invitation = await nextSignInEmail(server, 'noor@example.test', birch.slug);
    expect(invitation.mail.text).toContain('Hi Noor, two short documents before we meet.');
    const done = page.getByRole('dialog', { name: 'Shared' });
    await expect(done.getByText('Shared 2 documents with Noor.')).toBeVisible();
    await expect(notSignedInBanner(page, 'Noor')).toBeVisible();
    await expect(done.getByText('Sent', { exact: true })).toBeVisible({ timeout: 20_000 });
    await settle(page);
    await expectAccessible(page);
    await viewportShot(page, 'documents-share-done-desktop');
    await done.getByRole('button', { name: 'Done' }).click();

    // The Documents tab lists the packet in order, each Sent, with Remind and Cancel.
    const rows = page.getByRole('row');
    await expect(rows.nth(1)).toContainText('Informed consent for therapy');
    await expect(rows.nth(1)).toContainText('Sent');
    await expect(rows.nth(2)).toContainText('Sleep check-in');
    await expect(rows.nth(2)).toContainText('Version 2');
    await expect(page.getByRole('button', { name: 'Remind about Sleep check-in' })).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'documents-client-tab', screenshot);
  });
});
