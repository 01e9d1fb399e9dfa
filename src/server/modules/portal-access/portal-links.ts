import type { PracticesTable } from '../../db/schema.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import type { Context } from '../../platform/request-context.js';
import type { ClientRow } from '../clients/index.js';
import { formatPracticeDateTime, logoUrl } from '../practices/index.js';
import { invitationEmail, signInLinkEmail, signInUrl, validForText, type DocumentsWaiting } from './portal.emails.js';
import { issuePortalToken } from './portal-tokens.js';
import { attachOutbox } from './portal-tokens.queries.js';

export function clientDisplayName(client: Pick<ClientRow, 'first_name' | 'preferred_name'>): string {
  return client.preferred_name ?? client.first_name;
}

/**
 * Issues a sign-in link with its code and queues the email that carries it, in the caller's
 * transaction. `message` makes it the welcome (invitation) email, valid longer; `documents` has it
 * say that documents shared with it are waiting.
 */
export async function sendPortalLink(
  tx: Context,
  input: {
    practice: PracticesTable;
    client: ClientRow;
    to: string;
    message?: string;
    documents?: DocumentsWaiting | null;
  },
): Promise<{ tokenId: string; outboxId: string }> {
  const { deps } = tx;
  const kind = input.message === undefined ? 'link' : 'invitation';
  const issued = await issuePortalToken(tx, {
    clientId: input.client.id,
    kind,
    emailAddress: input.to,
  });
  if (!issued.token) throw new Error('an emailed link needs a token');
  const common = {
    practiceName: input.practice.name,
    practiceLogoUrl: logoUrl(deps, input.practice, { absolute: true }),
    clientName: clientDisplayName(input.client),
    url: signInUrl(deps.config.publicUrl, input.practice.slug, issued.token),
    code: issued.code,
  };
  // In the practice's time zone and date format, as the portal and the staff app show it.
  const until = formatPracticeDateTime(input.practice, issued.expiresAt);
  const content =
    input.message === undefined
      ? signInLinkEmail({ ...common, validFor: `${validForText(deps.config.portalLinkHours)}, until ${until}` })
      : invitationEmail({
          ...common,
          message: input.message,
          documents: input.documents ?? null,
          validFor: `${validForText(deps.config.portalInvitationHours)}, until ${until}`,
        });
  const outboxId = await enqueueEmailIn(tx, {
    clientId: input.client.id,
    kind: kind === 'invitation' ? 'portal_invitation' : 'portal_sign_in_link',
    to: input.to,
    ...content,
  });
  await attachOutbox(tx, issued.id, outboxId);
  return { tokenId: issued.id, outboxId };
}
