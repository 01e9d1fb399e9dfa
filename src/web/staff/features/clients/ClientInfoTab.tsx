import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Client } from '../../../../shared/schemas/clients.js';
import { loadPortalAccess } from '../portal-access/portal-access.api.js';
import { portalMoveAfterSave, type PortalMovePrompt } from '../portal-access/portal-move.js';
import { UpdatePortalAccessModal } from '../portal-access/UpdatePortalAccessModal.js';
import { formFromClient } from './client-form-state.js';
import { ClientForm } from './ClientForm.js';
import { useUpdateClient } from './clients.api.js';

/**
 * Edit → Client Info: the create form, prefilled. Saving reloads the form from the server's answer
 * and, when the primary email moved away from the Client Portal's email, offers to move access.
 */
export function ClientInfoTab({ client }: { client: Client }) {
  const update = useUpdateClient(client.id);
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState<PortalMovePrompt | null>(null);
  return (
    <>
      <ClientForm
        // A fresh form after each save, so new emails carry the ids the server gave them.
        key={client.updatedAt}
        initial={formFromClient(client)}
        submitLabel="Save"
        sectionOrder={2}
        pending={update.isPending}
        secondaryAction={
          <Button component={Link} to={`/clients/${client.id}`} variant="default">
            Cancel
          </Button>
        }
        onSubmit={async (input) => {
          const before = await loadPortalAccess(queryClient, client.id);
          const saved = await update.mutateAsync(input);
          notifications.show({ color: 'portico', title: 'Changes saved', message: 'The client’s details are up to date.' });
          setPrompt(portalMoveAfterSave(before, client, saved));
        }}
      />
      <UpdatePortalAccessModal clientId={client.id} prompt={prompt} onClose={() => setPrompt(null)} />
    </>
  );
}
