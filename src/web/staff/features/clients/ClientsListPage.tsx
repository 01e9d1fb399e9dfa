import {
  Button,
  CloseButton,
  Group,
  Loader,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { mayDo } from '../../../../shared/permissions.js';
import type { ClientListQuery } from '../../../../shared/schemas/clients.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';
import { useClientList } from './clients.queries.js';
import { ClientsEmptyState } from './ClientsEmptyState.js';
import { ClientsTable } from './ClientsTable.js';
import {
  portalOptions,
  readListParams,
  sortOptions,
  statusOptions,
  writeListParams,
  type ClientSort,
  type ClientStatus,
  type PortalFilter,
} from './list-params.js';

export function ClientsListPage() {
  usePageTitle('Clients');
  const { practice } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const query = readListParams(params);
  const urlSearch = query.q ?? '';
  const [search, setSearch] = useState(urlSearch);
  const [debouncedSearch] = useDebouncedValue(search, 300);

  // React Router hands functional updates the params of the last render, not of the last update,
  // so two updates in one render (a typed search landing as the sort changes) would undo each
  // other. Each update starts from the address bar instead.
  const latestParams = () => new URLSearchParams(window.location.search);

  const update = (change: Partial<ClientListQuery>, replace = false) => {
    setParams(writeListParams({ ...readListParams(latestParams()), page: 1, ...change }), { replace });
  };

  // Typing updates the URL after a pause; the URL (back/forward) updates the box.
  useEffect(() => {
    const current = readListParams(latestParams());
    const q = debouncedSearch.trim() || undefined;
    if ((current.q ?? '') === (q ?? '')) return;
    setParams(writeListParams({ ...current, q, page: 1 }), { replace: true });
  }, [debouncedSearch, setParams]);
  const [syncedUrlSearch, setSyncedUrlSearch] = useState(urlSearch);
  if (syncedUrlSearch !== urlSearch) {
    setSyncedUrlSearch(urlSearch);
    if (search.trim() !== urlSearch) setSearch(urlSearch);
  }

  const { staff } = useSignedIn();
  const list = useClientList(query);
  const data = list.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;
  const count = (n: number) => n.toLocaleString();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1}>Clients</Title>
        {mayDo(staff.roles, 'create_client') ? (
          <Button component={Link} to="/clients/new" leftSection={<IconPlus size={18} aria-hidden />}>
            Create client
          </Button>
        ) : null}
      </Group>

      <Paper withBorder shadow="xs" p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              aria-label="Search clients"
              placeholder="Search by name or email"
              type="search"
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={
                search ? <CloseButton aria-label="Clear search" size="sm" onClick={() => setSearch('')} /> : null
              }
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
              maxLength={100}
            />
            <Select<ClientSort>
              aria-label="Sort by"
              data={sortOptions}
              value={query.sort}
              onChange={(value) => value && update({ sort: value })}
              allowDeselect={false}
              w={{ base: '100%', xs: 170 }}
              comboboxProps={{ withinPortal: true }}
            />
            <Select<PortalFilter>
              aria-label="Portal"
              data={portalOptions}
              value={query.portal ?? 'all'}
              onChange={(value) => value && update({ portal: value === 'all' ? undefined : value })}
              allowDeselect={false}
              leftSection={
                <Text size="sm" c="dimmed" aria-hidden>
                  Portal
                </Text>
              }
              leftSectionWidth={62}
              leftSectionPointerEvents="none"
              w={{ base: '100%', xs: 290 }}
              comboboxProps={{ withinPortal: true }}
            />
            <SegmentedControl<ClientStatus>
              aria-label="Status"
              data={statusOptions}
              value={query.status}
              onChange={(value) => update({ status: value })}
              w={{ base: '100%', xs: 'auto' }}
            />
          </Group>

          <ErrorAlert error={list.error} title="Could not load clients" />

          {data && data.items.length > 0 ? (
            <ClientsTable
              items={data.items}
              timeZone={practice.timeZone}
              nameOrder={query.sort === 'name' || query.sort === '-name' ? 'last-first' : 'first-last'}
            />
          ) : null}
          {data && data.items.length === 0 ? (
            <ClientsEmptyState
              query={query}
              onClearSearch={() => setSearch('')}
              onShowActive={() => update({ status: 'active' })}
              onShowAllPortalStates={() => update({ portal: undefined })}
            />
          ) : null}
          {!data && list.isPending ? (
            <Group justify="center" py="xl">
              <Loader aria-label="Loading clients" />
            </Group>
          ) : null}

          {data && data.total > 0 ? (
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Stack gap={2}>
                <Text size="sm" c="dimmed" aria-live="polite">
                  Showing {count(first)}–{count(last)} of {data.totalCapped ? 'more than ' : ''}
                  {count(data.total)} {data.total === 1 ? 'client' : 'clients'}
                  {list.isFetching ? <Loader size={12} ml={8} aria-hidden /> : null}
                </Text>
                {data.totalCapped ? (
                  <Text size="sm" c="dimmed">
                    Only the first {count(data.total)} are listed. Add to the search to narrow it down.
                  </Text>
                ) : null}
              </Stack>
              {totalPages > 1 ? (
                <nav aria-label="Pagination">
                  <Pagination
                    total={totalPages}
                    value={data.page}
                    onChange={(page) => update({ page }, false)}
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
            </Group>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
