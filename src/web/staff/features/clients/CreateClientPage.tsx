import { Anchor, Breadcrumbs, Button, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../../common/use-page-title.js';
import { InviteOnCreate, useInviteOnCreate } from '../portal-access/index.js';
import { emptyClientForm } from './client-form-state.js';
import { fullName } from '../../common/client-name.js';
import { ClientForm } from './ClientForm.js';
import { useCreateClient } from './clients.queries.js';

export function CreateClientPage() {
  usePageTitle('Create client');
  const navigate = useNavigate();
  const create = useCreateClient();
  const invite = useInviteOnCreate();

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={6}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} to="/clients" size="sm">
            Clients
          </Anchor>
          <Text size="sm" c="dimmed">
            Create client
          </Text>
        </Breadcrumbs>
        <Title order={1}>Create client</Title>
      </Stack>
      <ClientForm
        initial={emptyClientForm}
        submitLabel="Continue"
        pending={create.isPending}
        secondaryAction={
          <Button component={Link} to="/clients" variant="default">
            Cancel
          </Button>
        }
        extraSection={(context) => <InviteOnCreate {...context} invite={invite} sectionOrder={2} />}
        onSubmit={async (input) => {
          const portalInvitation = invite.portalInvitation(input.emails);
          const client = await create.mutateAsync({ ...input, portalInvitation });
          notifications.show({
            color: 'portico',
            title: portalInvitation ? 'Client created and invited to the Client Portal' : 'Client created',
            message: fullName(client),
          });
          await navigate(`/clients/${client.id}`);
        }}
      />
    </Stack>
  );
}
