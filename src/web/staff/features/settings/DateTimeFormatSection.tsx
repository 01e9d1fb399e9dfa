import { Button, Group, Loader, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import {
  formatDateTime,
  formatNumericDate,
  type Clock,
  type DateOrder,
  type DateTimeFormat,
} from '../../../../shared/date-time-format.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { useSignedIn } from '../../common/session.js';
import { useDateTimeFormatSetting, useSaveDateTimeFormat } from './date-time-format.queries.js';

/** A fixed afternoon, so the example shows both the order and the clock: 14 March, 21:37. */
const exampleInstant = '2025-03-14T21:37:00.000Z';
const exampleCalendarDate = '2025-03-14';

function example(format: DateTimeFormat): string {
  return `${formatDateTime(exampleInstant, format, 'UTC')} · ${formatNumericDate(exampleCalendarDate, format)}`;
}

/**
 * Settings → the practice's date and time format, used by the staff app, the portal and emails
 * alike. Self-contained: it loads and saves the format itself. Owners change it; others see it.
 */
export function DateTimeFormatSection() {
  const setting = useDateTimeFormatSetting();
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="date-time-format">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id="date-time-format">
            Date and time format
          </Title>
          <Text size="sm" c="dimmed">
            How dates and times appear to your team, in the Client Portal and in emails.
          </Text>
        </Stack>
        {setting.data ? (
          <DateTimeFormatForm key={setting.dataUpdatedAt} saved={setting.data} />
        ) : setting.error ? (
          <ErrorAlert error={setting.error} title="Could not load the date and time format" />
        ) : (
          <Group justify="center" py="md">
            <Loader size="sm" aria-label="Loading the date and time format" />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function DateTimeFormatForm({ saved }: { saved: DateTimeFormat }) {
  const { staff } = useSignedIn();
  const isOwner = staff.roles.includes('owner');
  const [dateOrder, setDateOrder] = useState<DateOrder>(saved.dateOrder);
  const [clock, setClock] = useState<Clock>(saved.clock);
  const save = useSaveDateTimeFormat();
  const errors = fieldErrorsOf(save.error);
  const chosen: DateTimeFormat = { dateOrder, clock };
  const changed = dateOrder !== saved.dateOrder || clock !== saved.clock;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(chosen, {
      onSuccess: (format) =>
        notifications.show({ color: 'portico', title: 'Date and time format saved', message: example(format) }),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={save.error} title="Could not save the date and time format" hideWhenOnlyFields />
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Radio.Group
            label="Date order"
            value={dateOrder}
            onChange={(value) => setDateOrder(value === 'month-first' ? 'month-first' : 'day-first')}
            error={sentence(errors.dateOrder)}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="day-first" label="Day first" description="14 Mar 2025 · 14/03/2025" disabled={!isOwner} />
              <Radio
                value="month-first"
                label="Month first"
                description="Mar 14, 2025 · 03/14/2025"
                disabled={!isOwner}
              />
            </Stack>
          </Radio.Group>
          <Radio.Group
            label="Clock"
            value={clock}
            onChange={(value) => setClock(value === '12-hour' ? '12-hour' : '24-hour')}
            error={sentence(errors.clock)}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="24-hour" label="24-hour" description="21:37" disabled={!isOwner} />
              <Radio value="12-hour" label="12-hour" description="9:37 PM" disabled={!isOwner} />
            </Stack>
          </Radio.Group>
        </Group>
        <Paper bg="var(--mantine-color-gray-0)" p="sm" radius="sm">
          <Text size="sm" c="dimmed">
            Example
          </Text>
          <Text fw={600} data-testid="date-time-format-example" style={{ overflowWrap: 'anywhere' }}>
            {example(chosen)}
          </Text>
        </Paper>
        {isOwner ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              Save format
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only the practice owner can change the date and time format.
          </Text>
        )}
      </Stack>
    </form>
  );
}
