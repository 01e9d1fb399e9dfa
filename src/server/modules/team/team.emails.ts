import type { StaffRole } from '../../db/schema.js';
import { renderEmail } from '../../platform/email-layout.js';

const roleWords: Record<StaffRole, string> = {
  owner: 'owner',
  clinician: 'clinician',
  biller: 'biller',
  scheduler: 'scheduler',
};

function listOfRoles(roles: readonly StaffRole[]): string {
  const words = roles.map((role) => roleWords[role]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The invitation to join a practice's team, with its one-time link (seven days). */
export function teamInvitationEmail(input: {
  practiceName: string;
  practiceLogoUrl: string | null;
  name: string;
  inviterName: string;
  roles: readonly StaffRole[];
  message: string | null;
  hasAccount: boolean;
  url: string;
}) {
  const paragraphs = [
    `Hello ${input.name},`,
    `${input.inviterName} invited you to join ${input.practiceName} on Portico as ${listOfRoles(input.roles)}.`,
    ...(input.message ? [`Their message:\n${input.message}`] : []),
    input.hasAccount
      ? 'You already have a Portico account with this email. Accept with your current password; you can then switch between your practices from the account menu.'
      : 'Use the button below to choose your password and sign in.',
    'The link works once and expires in 7 days. If you did not expect this invitation, ignore this email.',
  ];
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    practiceLogoUrl: input.practiceLogoUrl,
    heading: `Join ${input.practiceName} on Portico`,
    paragraphs,
    action: { label: 'Accept invitation', url: input.url },
  });
  return { subject: `You are invited to join ${input.practiceName}`, html, text };
}
