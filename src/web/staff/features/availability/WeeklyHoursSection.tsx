import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Grid,
  Group,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMoon, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import {
  weeklyBlocksBody,
  type Availability,
  type AvailabilityBlockInput,
} from '../../../../shared/schemas/availability.js';
import type { SchedulingSettings } from '../../../../shared/schemas/scheduling.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatTime } from '../../../common/dates.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSignedIn } from '../../common/session.js';
import { SettingsSection } from '../settings/index.js';
import { useSaveWeeklyBlocks } from './availability.queries.js';
import { blockSpan, crossesMidnight, inWeekOrder, wallClockInstant, weekdays } from './weekly-hours.js';

interface Draft extends AvailabilityBlockInput {
  /** Keeps each block's inputs in place while blocks are added and removed. */
  key: number;
}

let nextKey = 0;
function draftOf(block: AvailabilityBlockInput): Draft {
  nextKey += 1;
  return { ...block, key: nextKey };
}

/** "09:00" or "9:00 AM", in the practice's time format. */
function clock(time: string): string {
  return formatTime(wallClockInstant(time), 'UTC');
}

interface WeeklyHoursSectionProps {
  clinicianName: string;
  availability: Availability;
  setup: SchedulingSettings;
}

/** The clinician's weekly blocks, edited together and saved as a whole. */
export function WeeklyHoursSection({ clinicianName, availability, setup }: WeeklyHoursSectionProps) {
  const { staff } = useSignedIn();
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    inWeekOrder(availability.blocks).map(({ id: _id, ...block }) => draftOf(block)),
  );
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveWeeklyBlocks(availability.clinicianId);

  const locations = setup.locations.filter(
    (location) => !location.archived || drafts.some((draft) => draft.locationId === location.id),
  );
  const offered = setup.services.filter(
    (service) =>
      (!service.archived && service.clinicianIds.includes(availability.clinicianId)) ||
      drafts.some((draft) => draft.serviceIds.includes(service.id)),
  );
  const firstLocation = setup.locations.find((location) => !location.archived);

  const change = (key: number, patch: Partial<AvailabilityBlockInput>) => {
    setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  };
  const add = () => {
    if (!firstLocation) return;
    const last = drafts.at(-1);
    setDrafts((current) => [
      ...current,
      draftOf({
        weekday: last ? Math.min(last.weekday + 1, 7) : 1,
        start: '09:00',
        end: '17:00',
        locationId: last?.locationId ?? firstLocation.id,
        serviceIds: [],
        allowRequests: true,
      }),
    ]);
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = weeklyBlocksBody.safeParse({ blocks: drafts.map(({ key: _key, ...block }) => block) });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        setDrafts(inWeekOrder(saved.blocks).map(({ id: _id, ...block }) => draftOf(block)));
        notifications.show({
          color: 'portico',
          title: 'Weekly hours saved',
          message: `${saved.blocks.length} ${saved.blocks.length === 1 ? 'block' : 'blocks'} for ${clinicianName}`,
        });
      },
    });
  };

  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...serverErrors, ...clientErrors };
  return (
    <SettingsSection
      title="Weekly hours"
      description={`${clinicianName}'s hours each week, in the practice's time zone (${availability.timeZone}). A block that ends at or before its start runs past midnight.`}
    >
      <form onSubmit={onSubmit} noValidate aria-label="Weekly hours">
        <Stack gap="md">
          {Object.keys(serverErrors).length === 0 ? (
            <ErrorAlert error={save.error} title="Could not save the weekly hours" />
          ) : null}
          {!firstLocation ? (
            <Alert color="yellow" title="No location yet">
              Hours are kept at a location.{' '}
              {staff.roles.includes('owner') ? (
                <>
                  Add one in <Link to="/settings/services">Settings → Services</Link> first.
                </>
              ) : (
                'Ask the practice owner to add one in Settings → Services.'
              )}
            </Alert>
          ) : null}
          {drafts.length === 0 ? <Text c="dimmed">No weekly hours yet.</Text> : null}
          {drafts.map((draft, index) => {
            const fieldError = (field: string) => sentence(errors[`blocks.${index}.${field}`]);
            const servicesError = Object.entries(errors).find(([field]) =>
              field.startsWith(`blocks.${index}.serviceIds`),
            )?.[1];
            const overnight = crossesMidnight(draft.start, draft.end) && draft.start !== draft.end;
            return (
              <Fieldset key={draft.key} legend={`Block ${index + 1}`} variant="filled" p={{ base: 'sm', sm: 'md' }}>
                <Stack gap="sm">
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600} size="sm">
                      {blockSpan(draft, clock)}
                    </Text>
                    {overnight ? (
                      <Badge variant="light" color="indigo" leftSection={<IconMoon size={12} aria-hidden />}>
                        Ends the next day
                      </Badge>
                    ) : null}
                  </Group>
                  <Grid gap="sm">
                    <Grid.Col span={{ base: 12, xs: 4 }}>
                      <NativeSelect
                        label="Day"
                        value={String(draft.weekday)}
                        onChange={(e) => change(draft.key, { weekday: Number(e.currentTarget.value) })}
                        data={weekdays.map((day) => ({ value: String(day.value), label: day.label }))}
                        error={fieldError('weekday')}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, xs: 4 }}>
                      <TextInput
                        type="time"
                        label="Start"
                        required
                        value={draft.start}
                        onChange={(e) => change(draft.key, { start: e.currentTarget.value })}
                        error={fieldError('start')}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, xs: 4 }}>
                      <TextInput
                        type="time"
                        label="End"
                        required
                        value={draft.end}
                        onChange={(e) => change(draft.key, { end: e.currentTarget.value })}
                        error={fieldError('end')}
                      />
                    </Grid.Col>
                  </Grid>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                    <NativeSelect
                      label="Location"
                      value={draft.locationId}
                      onChange={(e) => change(draft.key, { locationId: e.currentTarget.value })}
                      data={locations.map((location) => ({
                        value: location.id,
                        label: location.kind === 'telehealth' ? `${location.name} (Telehealth)` : location.name,
                      }))}
                      error={fieldError('locationId')}
                    />
                    <MultiSelect
                      label="Services"
                      placeholder={draft.serviceIds.length === 0 ? 'Every service they offer' : undefined}
                      value={draft.serviceIds}
                      onChange={(serviceIds) => change(draft.key, { serviceIds })}
                      data={offered.map((service) => ({ value: service.id, label: service.name }))}
                      error={sentence(servicesError)}
                      nothingFoundMessage="They offer no service yet"
                      clearable
                    />
                  </SimpleGrid>
                  <Group justify="space-between" gap="sm" wrap="wrap">
                    <Switch
                      label="Allow online appointment requests"
                      checked={draft.allowRequests}
                      onChange={(e) => change(draft.key, { allowRequests: e.currentTarget.checked })}
                    />
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => setDrafts((current) => current.filter((other) => other.key !== draft.key))}
                      aria-label={`Remove block ${index + 1}`}
                    >
                      Remove
                    </Button>
                  </Group>
                </Stack>
              </Fieldset>
            );
          })}
          <Group justify="space-between" gap="sm">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={add}
              disabled={!firstLocation}
            >
              Add block
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save weekly hours
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
