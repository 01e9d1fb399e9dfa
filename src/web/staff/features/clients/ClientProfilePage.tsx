import { Anchor, Badge, Breadcrumbs, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, Outlet, useMatch, useOutletContext, useParams } from 'react-router';
import type { Client } from '../../../../shared/schemas/clients.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { ClientNotFound } from './ClientNotFound.js';
import { fullName, nameWithPreferred } from './client-name.js';
import { useClient } from './clients.queries.js';
import { canUseMessaging } from '../messages/access.js';
import { useSignedIn } from '../../session.js';

interface ProfileContext {
  client: Client;
}

/** The loaded client, for the profile's Overview and Edit views. */
export function useProfileClient(): Client {
  return useOutletContext<ProfileContext>().client;
}

function SectionLink({ to, label, active }: { to: string; label: string; active: boolean }) {
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? 'filled' : 'default'}
      aria-current={active ? 'page' : undefined}
      size="sm"
    >
      {label}
    </Button>
  );
}

export function ClientProfilePage() {
  const { id = '' } = useParams();
  const client = useClient(id);
  const editing = useMatch('/clients/:id/edit') !== null;
  const messages = useMatch('/clients/:id/messages') !== null;
  const { staff } = useSignedIn();
  const section = editing ? ' · Edit' : messages ? ' · Messages' : '';
  usePageTitle(client.data ? `${nameWithPreferred(client.data)}${section}` : 'Client');

  if (isApiError(client.error) && (client.error.status === 404 || client.error.code === 'validation_failed')) {
    return <ClientNotFound />;
  }
  if (!client.data) {
    if (client.error) return <ErrorAlert error={client.error} title="Could not load the client" />;
    return (
      <Group justify="center" py={64}>
        <Loader aria-label="Loading client" />
      </Group>
    );
  }

  const data = client.data;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} to="/clients" size="sm">
            Clients
          </Anchor>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            <bdi>{fullName(data)}</bdi>
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" gap="sm">
          <Group gap="sm" align="baseline" wrap="wrap" miw={0}>
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              <bdi>{fullName(data)}</bdi>
              {data.preferredName ? (
                <Text span inherit c="dimmed" fw={500}>
                  {' '}(<bdi>{data.preferredName}</bdi>)
                </Text>
              ) : null}
            </Title>
            {data.archivedAt ? (
              <Badge color="gray" variant="filled" size="lg">
                Archived
              </Badge>
            ) : null}
          </Group>
          <Group component="nav" aria-label="Client sections" gap="xs">
            <SectionLink to={`/clients/${data.id}`} label="Overview" active={!editing && !messages} />
            <SectionLink to={`/clients/${data.id}/edit`} label="Edit" active={editing} />
            {canUseMessaging(staff.role) ? (
              <SectionLink to={`/clients/${data.id}/messages`} label="Messages" active={messages} />
            ) : null}
          </Group>
        </Group>
      </Stack>
      <Outlet context={{ client: data } satisfies ProfileContext} />
    </Stack>
  );
}
