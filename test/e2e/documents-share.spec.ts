import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  StaffApi,
  desktop,
  emailsTo,
  expect,
  expectHome,
  newDevice,
  nextSignInEmail,
  notSignedInBanner,
  openLink,
  phone,
  practiceNamed,
  screenshotBoth,
  settle,
  staffDevice,
  staffSignIn,
  test,
  viewportShot,
} from './support/portal.js';

const birch = practiceNamed('Birch Lane Counseling', 'birch-lane');
const rowan = practiceNamed('Rowan Street Therapy', 'rowan-street');

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

  test('Create client with Invite on create and two documents: one welcome email, and the client finds both to complete', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, rowan);
    // A fifth template beside the four starters: the list is long enough to search.
    await api.post('/document-templates', {
      name: 'Sleep diary',
      content: { kind: 'form', questions: [{ id: 'nights', kind: 'short_text', label: 'Nights slept well' }] },
    });

    await page.goto('/clients');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Create client' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create client' })).toBeVisible();
    await page.getByLabel('First name').fill('Amara');
    await page.getByLabel('Last name').fill('Okafor');
    await page.getByRole('button', { name: '+ Add email' }).click();
    await page.getByRole('textbox', { name: 'Email address 1' }).fill('amara@example.test');
    await page.getByRole('switch', { name: 'Email OK 1' }).check();
    const invite = page.getByRole('checkbox', { name: 'Invite to the Client Portal' });
    await expect(invite).toBeChecked();

    // The documents go with the invitation: unchecking it takes the picker away.
    const documents = page.getByRole('group', { name: 'Documents to share' });
    await expect(documents.getByRole('checkbox')).toHaveCount(5);
    await invite.uncheck();
    await expect(documents).toHaveCount(0);
    await invite.check();

    await documents.getByRole('checkbox', { name: 'Intake questionnaire' }).check();
    const search = page.getByRole('textbox', { name: 'Search documents' });
    await search.fill('consent');
    await expect(documents.getByRole('checkbox')).toHaveCount(1);
    await documents.getByRole('checkbox', { name: 'Informed consent for therapy' }).check();
    await search.fill('');
    await page.getByRole('button', { name: 'Move Informed consent for therapy up' }).click();
    await expect(page.getByText('1. Informed consent for therapy')).toBeVisible();
    await expect(page.getByText('2. Intake questionnaire')).toBeVisible();
    await page.getByLabel('Due date (optional)').fill('2030-05-04');
    await page
      .getByRole('textbox', { name: 'Welcome message' })
      .fill('Welcome, Amara. Two short documents before we meet.');
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-create-client-documents', screenshot);

    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Client created, invited to the Client Portal and 2 documents shared')).toBeVisible();

    // One email, the welcome one: it says documents wait, never which or what they ask.
    const invitation = await nextSignInEmail(server, 'amara@example.test', rowan.slug);
    expect(invitation.mail.subject).toBe(`Your Client Portal invitation from ${rowan.name}`);
    expect(invitation.mail.text).toContain('Welcome, Amara. Two short documents before we meet.');
    expect(invitation.mail.text).toContain(
      '2 documents are waiting for you in the Client Portal, to complete by May 4, 2030.',
    );
    for (const name of ['Informed consent for therapy', 'Intake questionnaire']) {
      expect(invitation.mail.text).not.toContain(name);
      expect(invitation.mail.html).not.toContain(name);
    }

    // The profile's Documents tab lists the packet in order.
    const clientId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.goto(`/clients/${clientId}/documents`);
    const rows = page.getByRole('row');
    await expect(rows.nth(1)).toContainText('Informed consent for therapy');
    await expect(rows.nth(2)).toContainText('Intake questionnaire');

    // The client signs in through the welcome email and finds both documents to complete.
    const clientPhone = await newDevice(browser, server, phone);
    await openLink(clientPhone.page, invitation);
    await expectHome(clientPhone.page, rowan.slug, 'Amara', rowan.name);
    await expect(clientPhone.page.getByText('2 documents to complete')).toBeVisible();
    await clientPhone.page.getByRole('link', { name: 'Open documents' }).click();
    const toComplete = clientPhone.page.getByRole('region', { name: 'To complete' });
    const starts = toComplete.getByRole('link', { name: /^Start / });
    await expect(starts).toHaveCount(2);
    await expect(starts.nth(0)).toHaveAccessibleName('Start Informed consent for therapy');
    await expect(starts.nth(1)).toHaveAccessibleName('Start Intake questionnaire');
    await expect(toComplete.getByText(/Due May 4, 2030/).first()).toBeVisible();
    expect(emailsTo(server, 'amara@example.test')).toHaveLength(1);
  });
});
