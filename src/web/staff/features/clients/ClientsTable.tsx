import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { formatPhone, phoneRegionForTimeZone } from '../../../../shared/phone.js';
import type { ClientListItem } from '../../../../shared/schemas/clients.js';
import { formatDate } from '../../../common/dates.js';
import { ClientName, type NameOrder } from '../../common/client-name.js';
import { amberText, stateColors, stateLabels } from '../portal-access/index.js';

interface ClientsTableProps {
  items: ClientListItem[];
  timeZone: string;
  /** "Lovelace, Ada" while the list is sorted by last name, else "Ada Lovelace". */
  nameOrder: NameOrder;
}

/** The client list. The name is the link (keyboard); a click anywhere on the row works too. */
export function ClientsTable({ items, timeZone, nameOrder }: ClientsTableProps) {
  const navigate = useNavigate();
  const phoneRegion = phoneRegionForTimeZone(timeZone);
  return (
    <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label="Clients">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Portal</Table.Th>
          {/* On a phone the name and portal state fit; the email is on the profile. */}
          <Table.Th scope="col" visibleFrom="sm">
            Email
          </Table.Th>
          <Table.Th scope="col" visibleFrom="sm">
            Phone
          </Table.Th>
          <Table.Th scope="col" visibleFrom="md">
            Created
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((client) => (
          <Table.Tr
            key={client.id}
            className="portico-row-link"
            onClick={(event) => {
              if ((event.target as HTMLElement).closest('a')) return;
              void navigate(`/clients/${client.id}`);
            }}
          >
            <Table.Td>
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={`/clients/${client.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                  <ClientName client={client} order={nameOrder} />
                </Anchor>
                {client.archivedAt ? (
                  <Badge color="gray" variant="light" size="sm">
                    Archived
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Badge
                color={stateColors[client.portalState]}
                c={client.portalState === 'invited' ? amberText : undefined}
                variant="light"
                size="sm"
                radius="sm"
                tt="none"
                styles={{ root: { height: 'auto' }, label: { whiteSpace: 'normal', overflow: 'visible' } }}
              >
                {stateLabels[client.portalState]}
              </Badge>
            </Table.Td>
            <Table.Td visibleFrom="sm" style={{ overflowWrap: 'anywhere' }}>
              {client.primaryEmail ? (
                <bdi>{client.primaryEmail}</bdi>
              ) : (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td visibleFrom="sm">
              {client.phone ? (
                <bdi>{formatPhone(client.phone, phoneRegion)}</bdi>
              ) : (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td visibleFrom="md">
              <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(client.createdAt, timeZone)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
