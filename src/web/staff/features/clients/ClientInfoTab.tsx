import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import type { Client } from '../../../../shared/schemas/clients.js';
import { formFromClient } from './client-form-state.js';
import { ClientForm } from './ClientForm.js';
import { useUpdateClient } from './clients.api.js';

/** Edit → Client Info: the create form, prefilled. Saving reloads the form from the server's answer. */
export function ClientInfoTab({ client }: { client: Client }) {
  const update = useUpdateClient(client.id);
  return (
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
        await update.mutateAsync(input);
        notifications.show({ color: 'portico', title: 'Changes saved', message: 'The client’s details are up to date.' });
      }}
    />
  );
}
