import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBeach } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { timeOffInput, type Availability } from '../../../../shared/schemas/availability.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatDateTime } from '../../../common/dates.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsSection } from '../settings/index.js';
import { useAddTimeOff, useRemoveTimeOff } from './availability.queries.js';
import { localToInstant } from './weekly-hours.js';

const rowStyle = { borderTop: '1px solid var(--mantine-color-gray-2)' };
const listStyle = { listStyle: 'none', margin: 0, padding: 0 };

/** One-off time away (from–to, with a note): no appointments or requests are offered in it. */
export function TimeOffSection({ availability }: { availability: Availability }) {
  const zone = availability.timeZone;
  const add = useAddTimeOff(availability.clinicianId);
  const remove = useRemoveTimeOff(availability.clinicianId);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const startsAt = localToInstant(from, zone);
    const endsAt = localToInstant(to, zone);
    const parsed = timeOffInput.safeParse({ startsAt: startsAt ?? '', endsAt: endsAt ?? '', note });
    const errors = parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues);
    if (!startsAt) errors.startsAt = 'must be a date and time';
    if (!endsAt) errors.endsAt = 'must be a date and time';
    setClientErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    add.mutate(parsed.data, {
      onSuccess: (span) => {
        setFrom('');
        setTo('');
        setNote('');
        notifications.show({
          color: 'portico',
          title: 'Time off added',
          message: `${formatDateTime(span.startsAt, zone)} – ${formatDateTime(span.endsAt, zone)}`,
        });
      },
    });
  };

  const serverErrors = fieldErrorsOf(add.error);
  const errors = { ...serverErrors, ...clientErrors };
  return (
    <SettingsSection
      title="Time off"
      description={`Days or hours away, in the practice's time zone (${zone}). Nothing can be requested in them.`}
    >
      <ErrorAlert error={remove.error} title="Could not remove the time off" />
      {availability.timeOff.length === 0 ? (
        <Text c="dimmed">No time off coming up.</Text>
      ) : (
        <Stack gap={0} component="ul" aria-label="Time off" style={listStyle}>
          {availability.timeOff.map((span) => {
            const label = `${formatDateTime(span.startsAt, zone)} – ${formatDateTime(span.endsAt, zone)}`;
            return (
              <Group component="li" key={span.id} justify="space-between" py="sm" gap="sm" style={rowStyle} wrap="wrap">
                <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                  <Text fw={600}>{label}</Text>
                  {span.note ? (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {span.note}
                    </Text>
                  ) : null}
                </div>
                <Button
                  variant="subtle"
                  color="gray"
                  size="xs"
                  loading={remove.isPending && remove.variables === span.id}
                  onClick={() => remove.mutate(span.id)}
                  aria-label={`Remove time off ${label}`}
                >
                  Remove
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
      <form onSubmit={onSubmit} noValidate aria-label="Add time off">
        <Stack gap="sm">
          {Object.keys(serverErrors).length === 0 ? <ErrorAlert error={add.error} title="Could not add" /> : null}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              type="datetime-local"
              label="From"
              required
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={sentence(errors.startsAt)}
            />
            <TextInput
              type="datetime-local"
              label="To"
              required
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={sentence(errors.endsAt)}
            />
          </SimpleGrid>
          <TextInput
            label="Note (optional)"
            placeholder="Conference, holiday…"
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={sentence(errors.note)}
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="default"
              leftSection={<IconBeach size={16} aria-hidden />}
              loading={add.isPending}
            >
              Add time off
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
