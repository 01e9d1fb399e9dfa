import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { phoneRegionForTimeZone } from '../../../../shared/phone.js';
import type { Client, UpdateClientBody } from '../../../../shared/schemas/clients.js';
import { useSignedIn } from '../../common/session.js';
import {
  portalEmailLossBeforeSave,
  PortalEmailLossModal,
  portalMoveAfterSave,
  UpdatePortalAccessModal,
  useLoadPortalAccess,
  type PortalEmailLoss,
  type PortalEmailLossAnswer,
  type PortalMovePrompt,
} from '../portal-access/index.js';
import { formFromClient } from './client-form-state.js';
import { ClientForm } from './ClientForm.js';
import { useUpdateClient } from './clients.queries.js';

interface Question {
  loss: PortalEmailLoss;
  answer: (answer: PortalEmailLossAnswer) => void;
}

/** What the saved notification says about the Client Portal after a change that took its address away. */
function portalOutcome(loss: PortalEmailLoss, resent: boolean): string {
  return resent
    ? `Client Portal invitation sent to ${loss.resendTo ?? ''}; nothing sent to ${loss.oldAddress} works any more.`
    : `Client Portal access is disabled; nothing sent to ${loss.oldAddress} works any more.`;
}

/**
 * Edit → Client Info: the create form, prefilled. A change that edits or removes the address the
 * Client Portal uses asks first (the save disables that access, or moves it with Yes, Disable and
 * Resend); after a save that only moved the primary email away from the portal email, it offers
 * to move access. Saving reloads the form from the server's answer.
 */
export function ClientInfoTab({ client }: { client: Client }) {
  const { practice } = useSignedIn();
  const update = useUpdateClient(client.id);
  const loadPortalAccess = useLoadPortalAccess(client.id);
  const [prompt, setPrompt] = useState<PortalMovePrompt | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const ask = (loss: PortalEmailLoss) =>
    new Promise<PortalEmailLossAnswer>((resolve) => {
      setQuestion({
        loss,
        answer: (answer) => {
          setQuestion(null);
          resolve(answer);
        },
      });
    });
  return (
    <>
      <ClientForm
        // A fresh form after each save, so new emails carry the ids the server gave them.
        key={client.updatedAt}
        initial={formFromClient(client, phoneRegionForTimeZone(practice.timeZone))}
        submitLabel="Save"
        sectionOrder={2}
        pending={update.isPending}
        secondaryAction={
          <Button component={Link} to={`/clients/${client.id}`} variant="default">
            Cancel
          </Button>
        }
        onSubmit={async (input) => {
          const before = await loadPortalAccess();
          const loss = portalEmailLossBeforeSave(before, input.emails);
          const body: UpdateClientBody = { ...input, resendPortalInvitation: null };
          if (loss) {
            const answer = await ask(loss);
            if (answer === 'cancel') return;
            if (answer === 'resend' && loss.resendTo)
              body.resendPortalInvitation = { to: loss.resendTo, message: loss.message };
          }
          const saved = await update.mutateAsync(body);
          notifications.show({
            color: 'portico',
            title: 'Changes saved',
            message: loss
              ? portalOutcome(loss, body.resendPortalInvitation !== null)
              : 'The client’s details are up to date.',
          });
          setPrompt(loss ? null : portalMoveAfterSave(before, client, saved));
        }}
      />
      <PortalEmailLossModal loss={question?.loss ?? null} onAnswer={(answer) => question?.answer(answer)} />
      <UpdatePortalAccessModal clientId={client.id} prompt={prompt} onClose={() => setPrompt(null)} />
    </>
  );
}
