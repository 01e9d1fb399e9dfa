import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPencilPlus, IconSearch } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fullName } from '../../common/client-name.js';
import { useClientPicker } from '../clients/index.js';

function ClientPicker({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [clientId, setClientId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const options = useClientPicker(debounced);
  const data = (options.data?.items ?? []).map((client) => ({
    value: client.id,
    label: fullName(client),
  }));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!clientId) {
      setMissing(true);
      return;
    }
    onClose();
    void navigate(`/messages/${encodeURIComponent(clientId)}`);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Choose a client to message">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Choose the client to write to. Their conversation opens, with any earlier messages.
        </Text>
        <ErrorAlert error={options.error} title="Could not search clients" />
        <Select
          label="Client"
          placeholder="Type a name"
          searchable
          data-autofocus
          leftSection={<IconSearch size={16} aria-hidden />}
          searchValue={search}
          onSearchChange={setSearch}
          data={data}
          // The server searches (by word, ignoring accents); show its answer as it is.
          filter={({ options: all }) => all}
          value={clientId}
          onChange={(value) => {
            setClientId(value);
            setMissing(false);
          }}
          nothingFoundMessage={options.isFetching ? 'Searching…' : 'No clients found'}
          error={missing ? 'Choose a client' : undefined}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Open conversation</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "New message": pick a client, then their conversation opens. */
export function NewMessageButton({ variant = 'filled' }: { variant?: 'filled' | 'default' }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant={variant} leftSection={<IconPencilPlus size={18} aria-hidden />} onClick={open}>
        New message
      </Button>
      <Modal opened={opened} onClose={close} title="New message" centered>
        {opened ? <ClientPicker onClose={close} /> : null}
      </Modal>
    </>
  );
}
