import { renderEmail } from '../../platform/email-layout.js';

/**
 * Tells a client that a new billing document (an invoice, a statement or a superbill) is in their
 * Client Portal, with a button to it. Never which document, its number, amounts or services: an
 * inbox is not a private place, and all of that is read after signing in.
 */
export function billingDocumentAvailableEmail(input: {
  practiceName: string;
  practiceLogoUrl: string | null;
  clientName: string;
  url: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: 'A new billing document is available in your Client Portal',
    paragraphs: [
      `Hello ${input.clientName},`,
      `${input.practiceName} has added a new billing document to your Client Portal.`,
      'Sign in to the Client Portal to see and download it. For your privacy, this email does not show what it contains.',
    ],
    action: { label: 'Open Billing in the Client Portal', url: input.url },
  });
  return { subject: `A new billing document from ${input.practiceName}`, html, text };
}
