import { Anchor, Box, Group, Loader, NativeSelect, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { formatMoney } from '../../../../shared/money.js';
import {
  agingQuery,
  agingSorts,
  type AgingClient,
  type AgingSort,
} from '../../../../shared/schemas/billing-payments.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { agingLabels, BalanceSummary } from './BalanceSummary.js';
import { usePracticeAging } from './payments.queries.js';

const sortLabels: Record<AgingSort, string> = {
  balance_desc: 'Largest balance first',
  balance_asc: 'Smallest balance first',
  name: 'Name',
};

const pageSize = 25;

/**
 * Billing → aging: what the practice's clients owe, bucketed by days since each invoice was issued,
 * and the clients with a balance or credit (a clinician: their own clients), sortable and paged.
 */
export function AgingPage() {
  usePageTitle('Billing');
  const [params, setParams] = useSearchParams();
  const read = agingQuery.safeParse({
    sort: params.get('sort') ?? undefined,
    page: params.get('page') ?? undefined,
    pageSize,
  });
  const query = read.success ? read.data : { sort: 'balance_desc' as const, page: 1, pageSize };
  const aging = usePracticeAging(query);
  const data = aging.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const update = (next: { sort?: AgingSort; page?: number }) => {
    const sort = next.sort ?? query.sort;
    const page = next.page ?? 1;
    setParams({ ...(sort === 'balance_desc' ? {} : { sort }), ...(page === 1 ? {} : { page: String(page) }) });
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Billing</Title>
        <Text c="dimmed" size="sm">
          What clients owe{data ? ` as of ${formatCalendarDate(data.asOf)}` : ''}, aged by days since each invoice was
          issued.
        </Text>
      </Stack>
      <ErrorAlert error={aging.error} title="Could not load the aging" />
      {data ? (
        <>
          <BalanceSummary
            label="Practice totals"
            balanceDueMinor={data.totals.balanceDueMinor}
            creditMinor={data.totals.creditMinor}
            aging={data.totals}
            currency={data.currency}
          />
          <Paper
            withBorder
            shadow="xs"
            p={{ base: 'xs', sm: 'md' }}
            component="section"
            aria-labelledby="aging-clients"
          >
            <Stack gap="md">
              <Group justify="space-between" align="flex-end" gap="sm">
                <Title order={2} size="h4" id="aging-clients">
                  Clients with a balance ({data.total})
                </Title>
                <NativeSelect
                  label="Sort by"
                  data={agingSorts.map((value) => ({ value, label: sortLabels[value] }))}
                  value={query.sort}
                  onChange={(event) => update({ sort: event.currentTarget.value as AgingSort })}
                  w={220}
                />
              </Group>
              {data.clients.length === 0 ? (
                <Text c="dimmed" ta="center" py="lg">
                  No client owes anything or holds credit.
                </Text>
              ) : (
                <>
                  <Box visibleFrom="sm">
                    <AgingTable clients={data.clients} currency={data.currency} />
                  </Box>
                  <Box hiddenFrom="sm">
                    <AgingCards clients={data.clients} currency={data.currency} />
                  </Box>
                </>
              )}
              {totalPages > 1 ? (
                <nav aria-label="Pagination">
                  <Pagination
                    total={totalPages}
                    value={data.page}
                    onChange={(page) => update({ page })}
                    siblings={1}
                    boundaries={1}
                    size="sm"
                    getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                    getControlProps={(control) => ({
                      'aria-label': {
                        first: 'First page',
                        previous: 'Previous page',
                        next: 'Next page',
                        last: 'Last page',
                      }[control],
                    })}
                  />
                </nav>
              ) : null}
            </Stack>
          </Paper>
        </>
      ) : aging.error ? null : (
        <Group justify="center" py="xl">
          <Loader aria-label="Loading the aging" />
        </Group>
      )}
    </Stack>
  );
}

const number = { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

function AgingTable({ clients, currency }: { clients: AgingClient[]; currency: string }) {
  return (
    <Table.ScrollContainer minWidth={760} type="native" tabIndex={0} role="region" aria-labelledby="aging-clients">
      <Table verticalSpacing="sm" striped aria-labelledby="aging-clients">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Client</Table.Th>
            <Table.Th scope="col" style={number}>
              Balance due
            </Table.Th>
            {agingLabels.map(({ key, label }) => (
              <Table.Th key={key} scope="col" style={number}>
                {label}
              </Table.Th>
            ))}
            <Table.Th scope="col" style={number}>
              Credit
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((client) => (
            <Table.Tr key={client.clientId}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={`/clients/${client.clientId}/billing`}>
                  {client.name}
                </Anchor>
              </Table.Th>
              <Table.Td style={number} fw={600}>
                {formatMoney(client.balanceDueMinor, currency)}
              </Table.Td>
              {agingLabels.map(({ key }) => (
                <Table.Td key={key} style={number}>
                  {formatMoney(client[key], currency)}
                </Table.Td>
              ))}
              <Table.Td style={number}>{formatMoney(client.creditMinor, currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** At phone width each client is a card: the balance due, then the buckets and credit that are not zero. */
function AgingCards({ clients, currency }: { clients: AgingClient[]; currency: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="aging-clients">
      {clients.map((client) => {
        const parts = [
          ...agingLabels
            .filter(({ key }) => client[key] !== 0)
            .map(({ key, label }) => `${label}: ${formatMoney(client[key], currency)}`),
          ...(client.creditMinor > 0 ? [`Credit: ${formatMoney(client.creditMinor, currency)}`] : []),
        ];
        return (
          <Paper key={client.clientId} component="li" withBorder p="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={`/clients/${client.clientId}/billing`}
                fw={500}
                style={{ overflowWrap: 'anywhere' }}
              >
                {client.name}
              </Anchor>
              <Text fw={600} style={number}>
                {formatMoney(client.balanceDueMinor, currency)}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {parts.join(' · ')}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}
