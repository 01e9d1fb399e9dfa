import { ActionIcon, Checkbox, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { TemplateListItem } from '../../../../shared/schemas/documents.js';

/** Past this many templates the list scrolls and can be searched. */
const searchFrom = 5;

interface PacketPickerProps {
  /** The practice's current (not archived) templates. */
  templates: readonly TemplateListItem[];
  /** The chosen template ids, in the order the client gets them. */
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  /** Why the server refused the choice, shown under the list. */
  error?: string | undefined;
  label?: string;
  description?: string;
}

/**
 * Which documents to share, as a packet: check templates (searchable once the list is long), then
 * put the chosen ones in the order the client completes them.
 */
export function PacketPicker({
  templates,
  chosen,
  onChange,
  error,
  label = 'Documents',
  description,
}: PacketPickerProps) {
  const [search, setSearch] = useState('');
  const byId = new Map(templates.map((t) => [t.id, t]));
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? templates.filter((t) => t.name.toLocaleLowerCase().includes(needle)) : templates;
  const move = (index: number, by: -1 | 1) => {
    const next = [...chosen];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  const long = templates.length >= searchFrom;

  const list = (
    <Stack gap={8} role="group" aria-label="Documents to share">
      {shown.map((template) => (
        <Checkbox
          key={template.id}
          label={template.name}
          checked={chosen.includes(template.id)}
          onChange={(e) =>
            onChange(e.currentTarget.checked ? [...chosen, template.id] : chosen.filter((id) => id !== template.id))
          }
        />
      ))}
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          No document matches “{search.trim()}”.
        </Text>
      ) : null}
    </Stack>
  );

  return (
    <Stack gap="sm">
      <div>
        <Text fw={600} size="sm">
          {label}
        </Text>
        {description ? (
          <Text size="xs" c="dimmed" mt={2}>
            {description}
          </Text>
        ) : null}
      </div>
      {long ? (
        <TextInput
          aria-label="Search documents"
          placeholder="Search documents"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      ) : null}
      {long ? (
        <ScrollArea.Autosize mah={240} type="auto" offsetScrollbars>
          {list}
        </ScrollArea.Autosize>
      ) : (
        list
      )}
      {error ? (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
      {chosen.length > 1 ? (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            Order
          </Text>
          {chosen.map((id, index) => (
            <Group key={id} gap="xs" wrap="nowrap">
              <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
                {index + 1}. {byId.get(id)?.name}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move ${byId.get(id)?.name} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                <IconArrowUp size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move ${byId.get(id)?.name} down`}
                disabled={index === chosen.length - 1}
                onClick={() => move(index, 1)}
              >
                <IconArrowDown size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
