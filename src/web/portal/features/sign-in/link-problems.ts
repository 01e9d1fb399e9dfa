import { linkProblems, type LinkProblem } from '../../../../shared/portal-links.js';
import { isApiError } from '../../../common/api.js';

interface ProblemCopy {
  title: string;
  sentence: string;
  /** A new link can be sent to the address this link belonged to (the server knows it). */
  canResend: boolean;
}

export const problemCopy: Record<LinkProblem, ProblemCopy> = {
  used: {
    title: 'This link has already been used',
    sentence: 'Each sign-in link works only once, and this one has been used. We can email you a new one.',
    canResend: true,
  },
  expired: {
    title: 'This link has expired',
    sentence: 'Sign-in links work for a limited time, and this one is too old now. We can email you a new one.',
    canResend: true,
  },
  superseded: {
    title: 'A newer link was sent',
    sentence:
      'Other sign-in links were sent after this one, so it no longer works. Use the newest email, or get a new link.',
    canResend: true,
  },
  invalid: {
    title: "This link isn't valid",
    sentence:
      'The address may be incomplete: some email apps break long links. Try opening the link from the email again, or ask for a new one.',
    canResend: false,
  },
  unavailable: {
    title: 'This link no longer works',
    sentence:
      'Your access to this Client Portal may have changed. Ask for a new link, and contact your practice if none arrives.',
    canResend: true,
  },
};

function isLinkProblem(value: string | null): value is LinkProblem {
  return value !== null && (linkProblems as readonly string[]).includes(value);
}

/** The link problem an API error reports, if it is one. */
export function linkProblemOf(error: unknown): LinkProblem | null {
  if (!isApiError(error) || error.code !== 'link_problem') return null;
  return isLinkProblem(error.reason) ? error.reason : 'invalid';
}
