import { Card, DataList, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatPhone, phoneRegionForTimeZone } from '../../../../shared/phone.js';
import { formatCalendarDate, formatDateTime } from '../../../common/dates.js';
import { useSignedIn } from '../../common/session.js';
import { useProfileClient } from '../../common/profile-client.js';
import { RecentActivity } from '../audit/index.js';
import { ArchiveClientButton } from './ArchiveClientButton.js';
import { ClientCliniciansCard } from './ClientCliniciansCard.js';
import { ClientEmailList } from './ClientEmailList.js';

function Missing() {
  return (
    <Text span c="dimmed" size="sm">
      Not recorded
    </Text>
  );
}

export function ClientOverview() {
  const client = useProfileClient();
  const { staff, practice } = useSignedIn();

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder shadow="xs" padding="lg">
          <Stack gap="md">
            <Title order={2} size="h3">
              Client info
            </Title>
            <DataList labelWidth={130}>
              <DataList.Item>
                <DataList.ItemLabel>Preferred name</DataList.ItemLabel>
                <DataList.ItemValue>
                  {client.preferredName ? <bdi>{client.preferredName}</bdi> : <Missing />}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Date of birth</DataList.ItemLabel>
                <DataList.ItemValue>
                  {client.dateOfBirth ? formatCalendarDate(client.dateOfBirth) : <Missing />}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Phone</DataList.ItemLabel>
                <DataList.ItemValue>
                  {client.phone ? (
                    <bdi>{formatPhone(client.phone, phoneRegionForTimeZone(practice.timeZone))}</bdi>
                  ) : (
                    <Missing />
                  )}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Client since</DataList.ItemLabel>
                <DataList.ItemValue>{formatDateTime(client.createdAt, practice.timeZone)}</DataList.ItemValue>
              </DataList.Item>
              {client.archivedAt ? (
                <DataList.Item>
                  <DataList.ItemLabel>Archived</DataList.ItemLabel>
                  <DataList.ItemValue>{formatDateTime(client.archivedAt, practice.timeZone)}</DataList.ItemValue>
                </DataList.Item>
              ) : null}
            </DataList>
          </Stack>
        </Card>
        <Card withBorder shadow="xs" padding="lg">
          <Stack gap="md">
            <Title order={2} size="h3">
              Contact details
            </Title>
            <ClientEmailList emails={client.emails} />
          </Stack>
        </Card>
      </SimpleGrid>

      <ClientCliniciansCard clientId={client.id} />

      {staff.roles.includes('owner') ? <RecentActivity clientId={client.id} timeZone={practice.timeZone} /> : null}

      <Card withBorder shadow="xs" padding="lg">
        <Group justify="space-between" gap="md">
          <Stack gap={2} maw={560}>
            <Title order={2} size="h3">
              {client.archivedAt ? 'Restore client' : 'Archive client'}
            </Title>
            <Text size="sm" c="dimmed">
              {client.archivedAt
                ? 'This client is archived. Restoring brings them back to the active client list.'
                : 'Archiving hides the client from the active list. Nothing is deleted.'}
            </Text>
          </Stack>
          <ArchiveClientButton client={client} />
        </Group>
      </Card>
    </Stack>
  );
}
