import { DateTime } from 'luxon';
import { clientSignedIn, openAppointments, practiceTakingRequests, requestFreeTime } from './support/appointments.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  expect,
  expectHome,
  nextSignInEmail,
  openLink,
  phone,
  practiceNamed,
  requestLinkOnPortal,
  settle,
  staffSignIn,
  test,
} from './support/portal.js';

const harbour = practiceNamed('Harbour Family Therapy', 'harbour-family');
const amara = { firstName: 'Amara', lastName: 'Okonkwo-Hughes', address: 'amara@example.test' };

// The jobs run often, so the test waits on the expiry email rather than on the server's minute.
test.use({ serverOptions: { appointmentJobsEveryMs: 250 } });

test('a request nobody answers expires after the 72-hour hold: the client is emailed, sees it expired, and the time is free again', async ({
  browser,
  server,
}) => {
  const { staff, ownerId } = await practiceTakingRequests(browser, server, harbour);
  const { page } = await clientSignedIn(browser, server, harbour, staff.api, ownerId, amara, {
    viewport: phone,
    timezoneId: 'Europe/London',
  });
  await openAppointments(page);
  // The sixth day offered starts more than five days ahead: still beyond the 24 hours' notice
  // once the clock has moved past the hold, so the same time can be asked for again.
  const asked = await requestFreeTime(page, harbour, { day: 5, message: 'Any time that week works.' });
  await expect(page.getByText('Your request was sent.')).toBeVisible();
  const requests = page.getByRole('region', { name: 'Requests' });
  await expect(requests.getByText('Waiting for an answer')).toBeVisible();

  // While it is held, the time is not offered to anyone else (nor again to this client).
  await page.getByRole('button', { name: 'Request appointment' }).click();
  const form = page.getByRole('region', { name: 'Request appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: /Individual therapy/ }).click();
  await form.getByRole('combobox', { name: 'Day' }).click();
  await page.getByRole('option', { name: asked.day, exact: true }).click();
  const times = form.getByRole('radiogroup', { name: 'Time' });
  await expect(times.getByRole('radio').first()).toBeVisible();
  await expect(times.getByRole('radio', { name: asked.time, exact: true })).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();

  // The practice sees it waiting.
  await staff.page.goto('/requests');
  const list = staff.page.getByRole('list', { name: 'Pending requests' });
  await expect(list.getByRole('listitem').filter({ hasText: `${amara.firstName} ${amara.lastName}` })).toHaveCount(1);

  // Nobody answers for 73 hours; the appointment jobs expire the hold and email the client.
  server.clock.advanceMinutes(73 * 60);
  const expired = await server.mail.waitFor(
    (m) => m.to.includes(amara.address) && m.subject === `Your appointment request to ${harbour.name} has expired`,
  );
  const when = DateTime.fromISO(asked.startsAt, { zone: 'Europe/London' }).toFormat("cccc, LLLL d, yyyy 'at' h:mm a");
  expect(expired.text).toContain(`Hello ${amara.firstName},`);
  expect(expired.text).toContain(`${harbour.name} did not answer your request for ${when}`);
  expect(expired.text).toContain('the time is no longer held for you');
  expect(expired.text).toContain(`${server.url}/portal/${harbour.slug}/appointments`);
  // Like every portal email, it names no service or clinician.
  expect(expired.text).not.toContain('Individual therapy');

  // 73 hours on, both sessions have ended too: each signs in again.
  await page.reload();
  await expect(page.getByRole('link', { name: "I'm an existing client" })).toBeVisible();
  await staff.page.reload();
  await expect(staff.page).toHaveURL(/\/sign-in/);
  await requestLinkOnPortal(page, harbour.slug, amara.address);
  // The invitation, the expiry, and now this link.
  await openLink(page, await nextSignInEmail(server, amara.address, harbour.slug, 3));
  await expectHome(page, harbour.slug, amara.firstName, harbour.name);
  await expect(page.getByRole('region', { name: 'Appointments' }).getByText(/waiting for an answer/)).toHaveCount(0);
  await openAppointments(page);
  await expect(requests.getByText('Expired', { exact: true })).toBeVisible();
  await expect(requests.getByText('Waiting for an answer')).toHaveCount(0);
  // Its only request: nothing is left to cancel.
  await expect(requests.getByRole('button', { name: 'Cancel request' })).toHaveCount(0);
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'appointments-request-expired-phone');

  await staffSignIn(staff.page, harbour);
  await staff.page.goto('/requests');
  await expect(staff.page.getByText('No requests are waiting.')).toBeVisible();
  await expect(
    staff.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Requests', exact: true }),
  ).toBeVisible();

  // The time is free again: the client asks for the very same one.
  const again = await requestFreeTime(page, harbour, { day: asked.day, time: asked.time });
  expect(again.startsAt).toBe(asked.startsAt);
  await expect(page.getByText('Your request was sent.')).toBeVisible();
  await expect(requests.getByText('Waiting for an answer')).toBeVisible();
  await expect(requests.getByText('Expired', { exact: true })).toBeVisible();
  await staff.page.reload();
  await expect(list.getByRole('listitem').filter({ hasText: `${amara.firstName} ${amara.lastName}` })).toHaveCount(1);
});
