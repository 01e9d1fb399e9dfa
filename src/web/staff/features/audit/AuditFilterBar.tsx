import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditFilters } from '../../../../shared/schemas/audit.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { auditKindLabels, auditKinds, type AuditKind } from './audit-labels.js';
import { hasFilters } from './audit-filters.js';
import { useAuditClientSearch, useAuditFilterOptions } from './audit.queries.js';

const kindOptions = auditKinds.map((kind) => ({ value: kind, label: auditKindLabels[kind] }));

function isKind(value: string | null): value is AuditKind {
  return value !== null && (auditKinds as readonly string[]).includes(value);
}

function ClientFilter({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useAuditClientSearch(debounced);
  const options = useAuditFilterOptions(value);
  const data = (found.data?.items ?? []).map((client) => ({
    value: client.id,
    label: `${client.firstName} ${client.lastName}`.trim(),
  }));
  // The client filtered on is always an option, found by the search or not.
  const chosen = options.data?.client;
  if (value && chosen && chosen.id === value && !data.some((option) => option.value === value)) {
    data.unshift({ value: chosen.id, label: chosen.name });
  }
  return (
    <Select
      label="Client"
      placeholder="Any client"
      searchable
      clearable
      leftSection={<IconSearch size={16} aria-hidden />}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      // The server searches (by word, ignoring accents); show its answer as it is.
      filter={({ options: all }) => all}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No clients found'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

interface FilterBarProps {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
  onExport: () => void;
  exporting: boolean;
}

/** The log's filters (client, staff member, kind of action, days) and its export. */
export function AuditFilterBar({ filters, onChange, onExport, exporting }: FilterBarProps) {
  const options = useAuditFilterOptions(filters.clientId);
  const staff = (options.data?.staff ?? []).map((member) => ({ value: member.id, label: member.name }));
  const set = (change: Partial<AuditFilters>) => onChange({ ...filters, ...change });

  return (
    <Stack gap="sm">
      <ErrorAlert error={options.error} title="Could not load the filters" />
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} spacing="sm" verticalSpacing="sm">
        <ClientFilter value={filters.clientId} onChange={(clientId) => set({ clientId })} />
        <Select
          label="Staff member"
          placeholder="Anyone"
          clearable
          data={staff}
          value={filters.staffId ?? null}
          onChange={(staffId) => set({ staffId: staffId ?? undefined })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Kind of action"
          placeholder="All kinds"
          clearable
          data={kindOptions}
          value={filters.kind ?? null}
          onChange={(kind) => set({ kind: isKind(kind) ? kind : undefined })}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          type="date"
          label="From"
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(event) => set({ from: event.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label="To"
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(event) => set({ to: event.currentTarget.value || undefined })}
        />
      </SimpleGrid>
      <Group justify="space-between" gap="sm">
        {hasFilters(filters) ? (
          <Button variant="subtle" leftSection={<IconX size={16} aria-hidden />} onClick={() => onChange({})}>
            Clear filters
          </Button>
        ) : (
          <span />
        )}
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={onExport}
          loading={exporting}
        >
          Export CSV
        </Button>
      </Group>
    </Stack>
  );
}
