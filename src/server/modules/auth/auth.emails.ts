import { renderEmail } from '../../platform/email-layout.js';

export function passwordResetEmail(input: { practiceName: string; staffName: string; url: string }) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
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
