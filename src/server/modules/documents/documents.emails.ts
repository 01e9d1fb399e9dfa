import { renderEmail } from '../../platform/email-layout.js';

/**
 * Tells a client with portal access that documents are waiting: how many, by when, and a button
 * to the portal. Never what the documents are or what they ask: that is read after signing in.
 */
export function documentsWaitingEmail(input: {
  practiceName: string;
  practiceLogoUrl: string | null;
  clientName: string;
  count: number;
  dueDate: string | null;
  url: string;
  reminder: boolean;
}) {
  const what = input.count === 1 ? 'a document' : `${input.count} documents`;
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: input.reminder ? `A reminder from ${input.practiceName}` : `${input.practiceName} shared ${what} with you`,
    paragraphs: [
      `Hello ${input.clientName},`,
      input.reminder
        ? `${input.practiceName} reminds you that ${what} in your Client Portal ${input.count === 1 ? 'is' : 'are'} waiting for you to complete.`
        : `${input.practiceName} shared ${what} for you to complete in your Client Portal.`,
      ...(input.dueDate ? [`Please complete ${input.count === 1 ? 'it' : 'them'} by ${input.dueDate}.`] : []),
      'Sign in to the Client Portal to read and complete them. For your privacy, this email does not show what they contain.',
    ],
    action: { label: 'Open the Client Portal', url: input.url },
  });
  return {
    subject: input.reminder
      ? `Reminder: documents to complete for ${input.practiceName}`
      : `Documents to complete for ${input.practiceName}`,
    html,
    text,
  };
}

/**
 * Tells a client with portal access that the practice shared a file for them: that one is
 * waiting, and a button to the portal. Never its name or contents: those are seen after signing in.
 */
export function fileSharedEmail(input: {
  practiceName: string;
  practiceLogoUrl: string | null;
  clientName: string;
  url: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: `${input.practiceName} shared a file with you`,
    paragraphs: [
      `Hello ${input.clientName},`,
      `${input.practiceName} shared a file for you in your Client Portal.`,
      'Sign in to the Client Portal to download it. For your privacy, this email does not show what it is.',
    ],
    action: { label: 'Open the Client Portal', url: input.url },
  });
  return { subject: `A file from ${input.practiceName}`, html, text };
}
