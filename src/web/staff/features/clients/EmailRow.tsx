import { ActionIcon, Fieldset, Grid, Group, Radio, Select, Switch, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { FieldErrorMap } from '../../../common/field-errors.js';
import { sentence } from '../../../common/field-errors.js';
import type { EmailRowState, EmailType } from './client-form-state.js';

const typeOptions: { value: EmailType; label: string }[] = [
  { value: 'home', label: 'Home' },
  { value: 'work', label: 'Work' },
  { value: 'other', label: 'Other' },
];

interface EmailRowProps {
  row: EmailRowState;
  index: number;
  errors: FieldErrorMap;
  autoFocus: boolean;
  onChange: (change: Partial<EmailRowState>) => void;
  onMakePrimary: () => void;
  onRemove: () => void;
}

/**
 * One email of the client. Visible labels are short ("Email address"); accessible names carry
 * the row number ("Email address 2") so each input is unique on the page.
 */
export function EmailRow({ row, index, errors, autoFocus, onChange, onMakePrimary, onRemove }: EmailRowProps) {
  const n = index + 1;
  const error = (field: string) => sentence(errors[`emails.${index}.${field}`]);
  return (
    <Fieldset
      legend={`Email ${n}`}
      variant="filled"
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' } }}
    >
      <Grid gap="sm" align="flex-start">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label="Email address"
            aria-label={`Email address ${n}`}
            type="email"
            autoComplete="off"
            spellCheck={false}
            required
            value={row.address}
            onChange={(event) => onChange({ address: event.currentTarget.value })}
            error={error('address')}
            autoFocus={autoFocus}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select<EmailType>
            label="Type"
            aria-label={`Email type ${n}`}
            data={typeOptions}
            value={row.type}
            onChange={(value) => value && onChange({ type: value })}
            allowDeselect={false}
            error={error('type')}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
      </Grid>
      <Group justify="space-between" align="flex-start" mt="md" gap="md" wrap="wrap">
        <Switch
          label="Email OK"
          aria-label={`Email OK ${n}`}
          description="Consent to reminders and notifications"
          checked={row.emailOk}
          onChange={(event) => onChange({ emailOk: event.currentTarget.checked })}
          error={error('emailOk')}
        />
        <Group gap="md" wrap="nowrap">
          <Radio
            name="primary-email"
            label="Primary"
            aria-label={`Primary email ${n}`}
            value={row.key}
            checked={row.isPrimary}
            onChange={(event) => {
              if (event.currentTarget.checked) onMakePrimary();
            }}
            error={error('isPrimary')}
          />
          <Tooltip label="Remove email" openDelay={300}>
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove email ${n}`} onClick={onRemove}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Fieldset>
  );
}
