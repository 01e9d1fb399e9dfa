import { Button, Checkbox, Group, NumberInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { DateTime } from 'luxon';
import { useState, type SubmitEvent } from 'react';
import type { TimeConflict } from '../../../../shared/errors.js';
import {
  appointmentInput,
  type AppointmentInput,
  type CalendarAppointment,
  type SchedulingSettings,
} from '../../../../shared/schemas/scheduling.js';
import { isApiError } from '../../../common/api.js';
import { formatTime } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { fullName } from '../../common/client-name.js';
import { useClientPicker } from '../clients/index.js';
import { ConflictWarning } from './ConflictWarning.js';
import { useBookAppointment, useChangeAppointment } from './calendar.queries.js';
import { ScopeQuestion } from './ScopeQuestion.js';
import { wallClock } from './calendar-time.js';

export interface NewAppointmentDefaults {
  date: string;
  time: string;
  clinicianId: string | null;
}

interface AppointmentFormProps {
  /** The appointment to change, or null to book a new one with the defaults. */
  appointment: CalendarAppointment | null;
  defaults: NewAppointmentDefaults;
  setup: SchedulingSettings;
  /** The clinicians whose calendars the member books (a clinician: themselves). */
  clinicians: readonly { id: string; name: string }[];
  zone: string;
  known: readonly CalendarAppointment[];
  onCancel: () => void;
  /** After booking or saving, with the appointments made or changed. */
  onDone: (appointments: CalendarAppointment[]) => void;
}

function ClientField({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  error: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const options = useClientPicker(debounced);
  const data = (options.data?.items ?? []).map((client) => ({ value: client.id, label: fullName(client) }));
  return (
    <Select
      label="Client"
      placeholder="Type a name"
      required
      searchable
      data-autofocus
      leftSection={<IconSearch size={16} aria-hidden />}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      // The server searches (by word, ignoring accents); show its answer as it is.
      filter={({ options: all }) => all}
      value={value}
      onChange={onChange}
      nothingFoundMessage={options.isFetching ? 'Searching…' : 'No clients found'}
      error={error ?? (options.error ? 'Could not search clients' : undefined)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/**
 * Book an appointment (client, service, clinician, location, start; optionally a weekly or
 * every-other-week series), or change one. The length starts as the service's. A time that overlaps the
 * clinician's calendar shows the server's conflicts and books only when confirmed.
 */
export function AppointmentForm({
  appointment,
  defaults,
  setup,
  clinicians,
  zone,
  known,
  onCancel,
  onDone,
}: AppointmentFormProps) {
  const start = appointment ? wallClock(appointment.startsAt, zone) : null;
  const [clientId, setClientId] = useState<string | null>(appointment?.clientId ?? null);
  const [serviceId, setServiceId] = useState<string | null>(appointment?.serviceId ?? null);
  const [clinicianId, setClinicianId] = useState<string | null>(
    appointment?.clinicianId ?? defaults.clinicianId ?? (clinicians.length === 1 ? (clinicians[0]?.id ?? null) : null),
  );
  const [locationId, setLocationId] = useState<string | null>(
    appointment?.locationId ??
      (setup.locations.filter((l) => !l.archived).length === 1
        ? (setup.locations.find((l) => !l.archived)?.id ?? null)
        : null),
  );
  const [date, setDate] = useState(start?.date ?? defaults.date);
  const [time, setTime] = useState(start?.time ?? defaults.time);
  const [duration, setDuration] = useState<number | string>(
    appointment ? Math.round((Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000) : '',
  );
  const [videoLink, setVideoLink] = useState(appointment?.videoLink ?? '');
  const [repeats, setRepeats] = useState(false);
  const [frequency, setFrequency] = useState<'weekly' | 'every_other_week'>('weekly');
  const [ends, setEnds] = useState<'count' | 'until'>('count');
  const [count, setCount] = useState<number | string>(6);
  const [until, setUntil] = useState(DateTime.fromISO(defaults.date).plus({ weeks: 8 }).toISODate() ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const [conflicts, setConflicts] = useState<TimeConflict[]>([]);
  const [asking, setAsking] = useState<AppointmentInput | null>(null);
  // The answer to "this one or this and following", kept while the conflicts are confirmed.
  const [scope, setScope] = useState<'this' | 'following' | null>(null);
  const book = useBookAppointment();
  const change = useChangeAppointment();
  const mutation = appointment ? change : book;

  const reachable = new Set(clinicians.map((c) => c.id));
  const services = setup.services.filter(
    (s) => (!s.archived || s.id === serviceId) && s.clinicianIds.some((id) => reachable.has(id)),
  );
  const service = setup.services.find((s) => s.id === serviceId) ?? null;
  const offering = clinicians.filter((c) => !service || service.clinicianIds.includes(c.id));
  const locations = setup.locations.filter((l) => !l.archived || l.id === locationId);
  const location = setup.locations.find((l) => l.id === locationId) ?? null;
  const endsAt =
    typeof duration === 'number' && /^\d{2}:\d{2}$/.test(time)
      ? DateTime.fromISO(`${date}T${time}`, { zone }).plus({ minutes: duration })
      : null;

  const chooseService = (id: string | null) => {
    setServiceId(id);
    const chosen = setup.services.find((s) => s.id === id);
    // The length follows the service; staff may change it after.
    if (chosen) setDuration(chosen.durationMinutes);
    // Keep the clinician when they offer the service; else the only one who does.
    if (chosen && clinicianId && !chosen.clinicianIds.includes(clinicianId)) {
      const others = clinicians.filter((c) => chosen.clinicianIds.includes(c.id));
      setClinicianId(others.length === 1 ? (others[0]?.id ?? null) : null);
    } else if (chosen && !clinicianId) {
      const others = clinicians.filter((c) => chosen.clinicianIds.includes(c.id));
      if (others.length === 1) setClinicianId(others[0]?.id ?? null);
    }
  };

  const send = (body: AppointmentInput, scope: 'this' | 'following') => {
    const handlers = {
      onSuccess: (answer: { appointments: CalendarAppointment[] }) => onDone(answer.appointments),
      onError: (error: unknown) => {
        if (isApiError(error) && error.reason === 'time_taken') setConflicts(error.conflicts);
      },
    };
    if (appointment) {
      const { repeat: _repeat, ...rest } = body;
      change.mutate({ id: appointment.id, body: { ...rest, scope } }, handlers);
    } else {
      book.mutate(body, handlers);
    }
  };

  const submit = (acknowledged: readonly string[], chosen: 'this' | 'following' | null) => {
    const parsed = appointmentInput.safeParse({
      clientId: clientId ?? '',
      serviceId: serviceId ?? '',
      clinicianId: clinicianId ?? '',
      locationId: locationId ?? '',
      date,
      time,
      durationMinutes: typeof duration === 'number' ? duration : Number.NaN,
      videoLink: location?.kind === 'telehealth' ? videoLink : null,
      acknowledgedConflicts: [...acknowledged],
      repeat:
        !appointment && repeats
          ? {
              frequency,
              until: ends === 'until' ? until : null,
              count: ends === 'count' ? (typeof count === 'number' ? count : Number.NaN) : null,
            }
          : null,
    });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    if (appointment?.seriesId && !chosen) {
      setAsking(parsed.data);
      return;
    }
    send(parsed.data, chosen ?? 'this');
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setConflicts([]);
    setScope(null);
    submit([], null);
  };

  if (asking) {
    return (
      <ScopeQuestion
        question="This appointment is part of a series. Change only this one, or this one and the ones after it?"
        pending={mutation.isPending}
        error={conflicts.length > 0 ? null : mutation.error}
        onBack={() => setAsking(null)}
        onChoose={(choice) => {
          const body = asking;
          setAsking(null);
          setScope(choice);
          send(body, choice);
        }}
      />
    );
  }

  const serverErrors = fieldErrorsOf(mutation.error);
  const errors = { ...serverErrors, ...clientErrors };
  const conflicted = conflicts.length > 0;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={appointment ? 'Edit appointment' : 'New appointment'}>
      <Stack gap="md">
        {!conflicted && Object.keys(serverErrors).length === 0 ? (
          <ErrorAlert error={mutation.error} title={appointment ? 'Could not save' : 'Could not book'} />
        ) : null}
        {appointment ? (
          <div>
            <Text size="sm" fw={500}>
              Client
            </Text>
            <Text>{appointment.clientName}</Text>
          </div>
        ) : (
          <ClientField value={clientId} onChange={setClientId} error={sentence(errors.clientId)} />
        )}
        <Select
          label="Service"
          required
          placeholder={services.length === 0 ? 'No services yet (Settings → Services)' : 'Choose a service'}
          data={services.map((s) => ({ value: s.id, label: `${s.name} (${s.durationMinutes} min)` }))}
          value={serviceId}
          onChange={chooseService}
          error={sentence(errors.serviceId)}
          comboboxProps={{ withinPortal: true }}
        />
        <Group grow align="flex-start" wrap="wrap" gap="sm">
          <Select
            label="Clinician"
            required
            placeholder="Choose a clinician"
            data={offering.map((c) => ({ value: c.id, label: c.name }))}
            value={clinicianId}
            onChange={setClinicianId}
            error={sentence(errors.clinicianId)}
            comboboxProps={{ withinPortal: true }}
            miw={180}
          />
          <Select
            label="Location"
            required
            placeholder="Choose a location"
            data={locations.map((l) => ({ value: l.id, label: l.name }))}
            value={locationId}
            onChange={setLocationId}
            error={sentence(errors.locationId)}
            comboboxProps={{ withinPortal: true }}
            miw={180}
          />
        </Group>
        {location?.kind === 'telehealth' ? (
          <TextInput
            label="Video link (optional)"
            description={
              location.videoLink ? `Left empty, the location's link is used: ${location.videoLink}` : undefined
            }
            placeholder="https://"
            value={videoLink}
            onChange={(e) => setVideoLink(e.currentTarget.value)}
            error={sentence(errors.videoLink)}
          />
        ) : null}
        <Group grow align="flex-start" wrap="wrap" gap="sm">
          <TextInput
            type="date"
            label="Date"
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={sentence(errors.date)}
            miw={150}
          />
          <TextInput
            type="time"
            label="Start time"
            required
            step={300}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={sentence(errors.time)}
            miw={120}
          />
        </Group>
        <NumberInput
          label="Duration (minutes)"
          required
          withAsterisk={false}
          min={5}
          max={720}
          step={5}
          value={duration}
          onChange={setDuration}
          description={
            endsAt?.isValid
              ? `Ends at ${formatTime(endsAt.toUTC().toISO() ?? '', zone)}${
                  service && duration === service.durationMinutes ? " (the service's length)" : ''
                }`
              : 'Comes from the service'
          }
          error={sentence(errors.durationMinutes)}
          maw={260}
        />
        {appointment ? null : (
          <Stack gap="sm">
            <Checkbox label="Repeat" checked={repeats} onChange={(e) => setRepeats(e.currentTarget.checked)} />
            {repeats ? (
              <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
                <Radio.Group
                  label="Repeats"
                  value={frequency}
                  onChange={(value) => setFrequency(value === 'every_other_week' ? 'every_other_week' : 'weekly')}
                >
                  <Group gap="md" mt={4}>
                    <Radio value="weekly" label="Weekly" />
                    <Radio value="every_other_week" label="Every other week" />
                  </Group>
                </Radio.Group>
                <Radio.Group
                  label="Ends"
                  value={ends}
                  onChange={(value) => setEnds(value === 'until' ? 'until' : 'count')}
                >
                  <Group gap="md" mt={4}>
                    <Radio value="count" label="After a number of appointments" />
                    <Radio value="until" label="On a date" />
                  </Group>
                </Radio.Group>
                {ends === 'count' ? (
                  <NumberInput
                    label="Number of appointments"
                    min={2}
                    max={104}
                    value={count}
                    onChange={setCount}
                    error={sentence(errors['repeat.count'] ?? errors.repeat)}
                    maw={220}
                  />
                ) : (
                  <TextInput
                    type="date"
                    label="Last date"
                    value={until}
                    onChange={(e) => setUntil(e.currentTarget.value)}
                    error={sentence(errors['repeat.until'] ?? errors.repeat)}
                    maw={220}
                  />
                )}
              </Stack>
            ) : null}
          </Stack>
        )}
        {conflicted ? (
          <ConflictWarning
            conflicts={conflicts}
            known={known}
            zone={zone}
            confirmLabel={appointment ? 'Save anyway' : 'Book anyway'}
            pending={mutation.isPending}
            onConfirm={() =>
              submit(
                conflicts.map((c) => c.id),
                scope,
              )
            }
          />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending && !conflicted}>
            {appointment ? 'Save appointment' : 'Book appointment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
