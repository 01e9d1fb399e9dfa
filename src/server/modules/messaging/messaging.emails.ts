import { renderEmail } from '../../platform/email-layout.js';

/**
 * Notification emails say that a secure message is waiting and where to read it. They never
 * carry the message, its attachments' names or (to staff) the client's name.
 */

export function clientMessageWaitingEmail(input: {
  practiceName: string;
  practiceLogoUrl?: string | null;
  clientName: string;
  url: string;
  validFor: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl ?? null,
    heading: `You have a secure message from ${input.practiceName}`,
    paragraphs: [
      `Hello ${input.clientName},`,
      `${input.practiceName} sent you a secure message in the Client Portal. To protect your privacy, the message itself is not in this email.`,
      `The button signs you in once and works for ${input.validFor}. After that, you can ask for a new link on the portal at any time.`,
    ],
    action: { label: 'Sign in to read it', url: input.url },
  });
  return { subject: `New secure message from ${input.practiceName}`, html, text };
}

export function staffMessageWaitingEmail(input: {
  practiceName: string;
  practiceLogoUrl?: string | null;
  staffName: string;
  url: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl ?? null,
    heading: 'A client sent a secure message',
    paragraphs: [
      `Hello ${input.staffName},`,
      'A secure message from a client has been waiting unread in Portico. To protect the client’s privacy, this email does not say who wrote or what they wrote.',
    ],
    action: { label: 'Sign in to read it', url: input.url },
  });
  return { subject: 'A secure message is waiting in Portico', html, text };
}
