import { renderEmail } from '../../platform/email-layout.js';

export function passwordResetEmail(input: {
  practiceName: string;
  practiceLogoUrl: string | null;
  staffName: string;
  url: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: 'Reset your Portico password',
    paragraphs: [
      `Hello ${input.staffName},`,
      'Someone asked to reset the password of your Portico account. Use the button below within one hour to choose a new one. The link works once.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url: input.url },
  });
  return { subject: `Reset your password — ${input.practiceName}`, html, text };
}

interface AccountEmailInput {
  practiceName: string;
  practiceLogoUrl: string | null;
  staffName: string;
}

/** To the new address: the one-time link that makes it the account's sign-in email. */
export function confirmEmailChangeEmail(input: AccountEmailInput & { url: string; newEmail: string }) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: 'Confirm your new Portico email',
    paragraphs: [
      `Hello ${input.staffName},`,
      `You asked to sign in to Portico with ${input.newEmail} from now on. Use the button below within 24 hours to confirm it. The link works once; until it is used, your old email stays in use.`,
      'If you did not ask for this, ignore this email: nothing changes.',
    ],
    action: { label: 'Confirm this email', url: input.url },
  });
  return { subject: `Confirm your new email — ${input.practiceName}`, html, text };
}

/** To the old address: a change was asked for, so its owner hears of it even if it was not them. */
export function emailChangeNoticeEmail(input: AccountEmailInput & { newEmail: string }) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: 'Your Portico email is being changed',
    paragraphs: [
      `Hello ${input.staffName},`,
      `Someone signed in to your Portico account asked to change its sign-in email to ${input.newEmail}. The change happens only when the link sent to that address is used.`,
      'If this was not you, sign in, change your password (which signs out every other browser) and cancel the change under Settings → My account, or tell the practice owner.',
    ],
  });
  return { subject: `Your sign-in email is being changed — ${input.practiceName}`, html, text };
}
