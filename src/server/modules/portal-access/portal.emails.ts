import { renderEmail } from '../../platform/email-layout.js';

interface LinkEmailInput {
  practiceName: string;
  practiceLogoUrl?: string | null;
  clientName: string;
  url: string;
  code: string;
  validFor: string;
}

function codeParagraph(code: string): string {
  return `Signing in on another device? Open the Client Portal there and enter this code with your email address: ${code} (valid for 15 minutes).`;
}

/** Documents shared with the invitation: how many, and by when (in the practice's date format). */
export interface DocumentsWaiting {
  count: number;
  due: string | null;
}

/** Says documents are waiting, never what they are or ask: that is read after signing in. */
function documentsParagraph({ count, due }: DocumentsWaiting): string {
  const what = count === 1 ? 'A document is' : `${count} documents are`;
  const by = due ? `, to complete by ${due}` : '';
  return `${what} waiting for you in the Client Portal${by}. For your privacy, this email does not show what ${count === 1 ? 'it contains' : 'they contain'}.`;
}

/**
 * The welcome email: the practice's message, a Sign in link and a code; with `documents`, that
 * documents shared with the invitation are waiting.
 */
export function invitationEmail(input: LinkEmailInput & { message: string; documents?: DocumentsWaiting | null }) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl ?? null,
    heading: `${input.practiceName} invited you to their Client Portal`,
    paragraphs: [
      `Hello ${input.clientName},`,
      input.message,
      ...(input.documents ? [documentsParagraph(input.documents)] : []),
      `The button signs you in once and works for ${input.validFor}. After that, you can ask for a new link on the portal at any time.`,
      codeParagraph(input.code),
    ],
    action: { label: 'Sign in', url: input.url },
  });
  return { subject: `Your Client Portal invitation from ${input.practiceName}`, html, text };
}

export function signInLinkEmail(input: LinkEmailInput) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl ?? null,
    heading: `Sign in to ${input.practiceName}`,
    paragraphs: [
      `Hello ${input.clientName},`,
      `Here is your link to sign in to the Client Portal. It works once, for ${input.validFor}.`,
      codeParagraph(input.code),
      'If you did not ask for this, you can ignore this email.',
    ],
    action: { label: 'Sign in', url: input.url },
  });
  return { subject: `Your sign-in link for ${input.practiceName}`, html, text };
}

export function validForText(hours: number): string {
  if (hours % 24 === 0) {
    const days = hours / 24;
    return days === 1 ? '24 hours' : `${days} days`;
  }
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export function signInUrl(publicUrl: string, slug: string, token: string): string {
  // The token travels in the fragment: browsers never send it to the server in a GET, so it stays
  // out of access logs and Referer headers, and a mail scanner's prefetch cannot use it.
  return `${publicUrl}/portal/${slug}/sign-in#token=${token}`;
}
