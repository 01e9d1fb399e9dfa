import { Button, Group, NumberInput, SimpleGrid, Stack, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { RequestSettings } from '../../../../shared/schemas/availability.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { SettingsLoading, SettingsSection } from './SettingsFrame.js';
import { useRequestSettings, useSaveRequestSettings } from './request-settings.queries.js';

/** Minutes as hours for the form (1440 → 24), and back. */
const toHours = (minutes: number) => minutes / 60;
const toMinutes = (hours: number | string) => Math.round(Number(hours) * 60);

/** Settings → Client Portal → Request settings (owners): whether and how clients request appointments. */
export function RequestSettingsSection() {
  const settings = useRequestSettings();
  return (
    <SettingsSection
      title="Request settings"
      description="Whether clients may request appointments in the Client Portal, and the rules their requests follow. Each client also needs the permission Allow online appointment requests."
    >
      {settings.data ? (
        <RequestSettingsForm key={settings.dataUpdatedAt} settings={settings.data} />
      ) : (
        <SettingsLoading error={settings.error} label="Loading request settings" />
      )}
    </SettingsSection>
  );
}

/** The form as typed: numbers may be half-typed text until saved. */
type Draft = Pick<RequestSettings, 'requestsEnabled' | 'clientCancelAllowed' | 'reminderNamesService'> & {
  /** The durations people think of in hours, as typed. */
  minimumNoticeHours: number | string;
  holdHours: number | string;
  clientCancelNoticeHours: number | string;
  reminderHours: number | string;
  bookingWindowDays: number | string;
  slotIntervalMinutes: number | string;
  bufferMinutes: number | string;
};

function RequestSettingsForm({ settings }: { settings: RequestSettings }) {
  const [draft, setDraft] = useState<Draft>({
    requestsEnabled: settings.requestsEnabled,
    clientCancelAllowed: settings.clientCancelAllowed,
    reminderNamesService: settings.reminderNamesService,
    bookingWindowDays: settings.bookingWindowDays,
    slotIntervalMinutes: settings.slotIntervalMinutes,
    bufferMinutes: settings.bufferMinutes,
    minimumNoticeHours: toHours(settings.minimumNoticeMinutes),
    holdHours: toHours(settings.holdMinutes),
    clientCancelNoticeHours: toHours(settings.clientCancelNoticeMinutes),
    reminderHours: toHours(settings.reminderMinutes),
  });
  const save = useSaveRequestSettings();
  const errors = fieldErrorsOf(save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      {
        requestsEnabled: draft.requestsEnabled,
        minimumNoticeMinutes: toMinutes(draft.minimumNoticeHours),
        bookingWindowDays: Number(draft.bookingWindowDays),
        slotIntervalMinutes: Number(draft.slotIntervalMinutes),
        bufferMinutes: Number(draft.bufferMinutes),
        holdMinutes: toMinutes(draft.holdHours),
        clientCancelAllowed: draft.clientCancelAllowed,
        clientCancelNoticeMinutes: toMinutes(draft.clientCancelNoticeHours),
        reminderMinutes: toMinutes(draft.reminderHours),
        reminderNamesService: draft.reminderNamesService,
      },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'portico',
            title: 'Request settings saved',
            message: saved.requestsEnabled
              ? 'Clients with the permission can request appointments.'
              : 'Clients cannot request appointments online.',
          }),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Request settings">
      <Stack gap="md">
        <ErrorAlert error={save.error} title="Could not save the request settings" hideWhenOnlyFields />
        <Switch
          size="md"
          label="Allow clients to request appointments online"
          description={
            draft.requestsEnabled
              ? 'On: clients with the permission choose a free time from your clinicians’ availability, and you accept or decline in Requests.'
              : 'Off: no client can request an appointment in the portal.'
          }
          checked={draft.requestsEnabled}
          onChange={(event) => set('requestsEnabled', event.currentTarget.checked)}
          styles={{ label: { fontWeight: 600 } }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          <NumberInput
            label="Minimum notice"
            description="Hours between now and the earliest time a client can request."
            suffix=" hours"
            min={0}
            value={draft.minimumNoticeHours}
            onChange={(value) => set('minimumNoticeHours', value)}
            error={sentence(errors.minimumNoticeMinutes)}
          />
          <NumberInput
            label="Booking window"
            description="How far ahead clients can request."
            suffix=" days"
            min={1}
            max={365}
            allowDecimal={false}
            value={draft.bookingWindowDays}
            onChange={(value) => set('bookingWindowDays', value)}
            error={sentence(errors.bookingWindowDays)}
          />
          <NumberInput
            label="Slot interval"
            description="Free times start this often within availability."
            suffix=" minutes"
            min={5}
            max={240}
            allowDecimal={false}
            value={draft.slotIntervalMinutes}
            onChange={(value) => set('slotIntervalMinutes', value)}
            error={sentence(errors.slotIntervalMinutes)}
          />
          <NumberInput
            label="Buffer between appointments"
            description="Kept free before and after each appointment."
            suffix=" minutes"
            min={0}
            max={240}
            allowDecimal={false}
            value={draft.bufferMinutes}
            onChange={(value) => set('bufferMinutes', value)}
            error={sentence(errors.bufferMinutes)}
          />
          <NumberInput
            label="Hold a requested time for"
            description="Unanswered by then, the request expires and the client is emailed."
            suffix=" hours"
            min={1}
            value={draft.holdHours}
            onChange={(value) => set('holdHours', value)}
            error={sentence(errors.holdMinutes)}
          />
          <NumberInput
            label="Reminder"
            description="Hours before an appointment the client is emailed a reminder; 0 sends none."
            suffix=" hours"
            min={0}
            value={draft.reminderHours}
            onChange={(value) => set('reminderHours', value)}
            error={sentence(errors.reminderMinutes)}
          />
        </SimpleGrid>
        <Switch
          size="md"
          label="Clients may cancel appointments in the portal"
          description={
            draft.clientCancelAllowed
              ? 'Up to the notice below; later, they contact the practice.'
              : 'Off: clients contact the practice to cancel.'
          }
          checked={draft.clientCancelAllowed}
          onChange={(event) => set('clientCancelAllowed', event.currentTarget.checked)}
          styles={{ label: { fontWeight: 600 } }}
        />
        {draft.clientCancelAllowed ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label="Cancel until"
              description="Hours before the start."
              suffix=" hours"
              min={0}
              value={draft.clientCancelNoticeHours}
              onChange={(value) => set('clientCancelNoticeHours', value)}
              error={sentence(errors.clientCancelNoticeMinutes)}
            />
          </SimpleGrid>
        ) : null}
        <Switch
          size="md"
          label="Name the service in reminders"
          description={
            draft.reminderNamesService
              ? 'Reminders say which service the appointment is for.'
              : 'Off: reminders give the time and place only, since a service’s name can reveal the kind of care.'
          }
          checked={draft.reminderNamesService}
          onChange={(event) => set('reminderNamesService', event.currentTarget.checked)}
          styles={{ label: { fontWeight: 600 } }}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} miw={140}>
            Save request settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
