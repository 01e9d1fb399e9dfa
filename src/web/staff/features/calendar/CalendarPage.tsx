import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { calendarReach } from '../../../../shared/permissions.js';
import type { CalendarAppointment } from '../../../../shared/schemas/scheduling.js';
import { formatCalendarDate, formatWeekdayDate } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';
import { useSchedulingSetup } from '../settings/index.js';
import { AgendaList } from './AgendaList.js';
import { AppointmentDetails } from './AppointmentDetails.js';
import { AppointmentForm, type NewAppointmentDefaults } from './AppointmentForm.js';
import { clinicianColours, noonOf } from './appointment-text.js';
import { useCalendar } from './calendar.queries.js';
import {
  daysOf,
  isCancelled,
  isLocalDate,
  rangeOf,
  stepDate,
  todayIn,
  wallClock,
  type CalendarView,
} from './calendar-time.js';
import { TimeGrid } from './TimeGrid.js';

type Dialog =
  | { kind: 'new'; at?: { date: string; time: string } }
  | { kind: 'view'; appointment: CalendarAppointment }
  | { kind: 'edit'; appointment: CalendarAppointment };

/** The calendar's place (view, date, clinician) lives in the address, so it survives a reload and can be shared. */
function useCalendarPlace(zone: string) {
  const [params, setParams] = useSearchParams();
  const view: CalendarView = params.get('view') === 'day' ? 'day' : 'week';
  const dateParam = params.get('date');
  const date = isLocalDate(dateParam) ? dateParam : todayIn(zone);
  const clinician = params.get('clinician');
  const go = (changes: { view?: CalendarView; date?: string; clinician?: string | null }) => {
    const next = new URLSearchParams(params);
    if (changes.view) next.set('view', changes.view);
    if (changes.date) next.set('date', changes.date);
    if (changes.clinician !== undefined) {
      if (changes.clinician) next.set('clinician', changes.clinician);
      else next.delete('clinician');
    }
    setParams(next);
  };
  const href = (changes: { view: CalendarView; date: string }) => {
    const next = new URLSearchParams(params);
    next.set('view', changes.view);
    next.set('date', changes.date);
    return `?${next.toString()}`;
  };
  return { view, date, clinician, go, href };
}

/** The Calendar: day and week views of one clinician's appointments or everyone's, and booking. */
export function CalendarPage() {
  usePageTitle('Calendar');
  const { staff, practice } = useSignedIn();
  const zone = practice.timeZone;
  const reachesAll = calendarReach(staff.roles) === 'all';
  const place = useCalendarPlace(zone);
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [showCancelled, setShowCancelled] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const today = todayIn(zone);
  const days = daysOf(place.view, place.date, zone);
  const range = rangeOf(days, zone);
  // A clinician sees their own calendar; owners and schedulers everyone's, or the one they pick.
  const clinicianId = reachesAll ? place.clinician : null;
  const calendar = useCalendar(range, clinicianId);
  const setup = useSchedulingSetup();

  const clinicians = calendar.data?.clinicians ?? [];
  const colours = clinicianColours(clinicians.map((c) => c.id));
  const all = calendar.data?.appointments ?? [];
  const shown = showCancelled ? all : all.filter((a) => !isCancelled(a.status));
  const hiddenCount = all.length - shown.length;

  const first = days[0] ?? place.date;
  const last = days[days.length - 1] ?? place.date;
  const title =
    place.view === 'day'
      ? formatWeekdayDate(noonOf(first, zone), zone, { withYear: true })
      : `${formatCalendarDate(first)} – ${formatCalendarDate(last)}`;
  const unit = place.view === 'day' ? 'day' : 'week';

  const picked = dialog?.kind === 'new' ? dialog.at : undefined;
  const defaults: NewAppointmentDefaults = {
    date:
      picked?.date ??
      (place.view === 'day' || (first <= today && today <= last) ? (place.view === 'day' ? first : today) : first),
    time: picked?.time ?? '09:00',
    clinicianId: clinicianId ?? (reachesAll ? null : staff.id),
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1}>Calendar</Title>
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setDialog({ kind: 'new' })}
          disabled={!setup.data || !calendar.data}
        >
          New appointment
        </Button>
      </Group>

      <Group justify="space-between" gap="sm" align="flex-end">
        <Group gap="xs" wrap="wrap" miw={0}>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={() => place.go({ date: today })}>
              Today
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Previous ${unit}`}
              onClick={() => place.go({ date: stepDate(place.view, place.date, -1) })}
            >
              <IconChevronLeft size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Next ${unit}`}
              onClick={() => place.go({ date: stepDate(place.view, place.date, 1) })}
            >
              <IconChevronRight size={18} aria-hidden />
            </ActionIcon>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Title order={2} size="h4" aria-live="polite">
              {title}
            </Title>
            {calendar.isFetching ? <Loader size="xs" aria-label="Loading the calendar" /> : null}
          </Group>
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="View"
            value={place.view}
            onChange={(value) => place.go({ view: value === 'day' ? 'day' : 'week' })}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
          />
          {reachesAll ? (
            <Select
              label="Clinician"
              data={[
                { value: 'all', label: 'All clinicians' },
                ...clinicians.map((c) => ({ value: c.id, label: c.name })),
              ]}
              value={clinicianId ?? 'all'}
              allowDeselect={false}
              onChange={(value) => place.go({ clinician: value === 'all' ? null : value })}
              w={200}
              comboboxProps={{ withinPortal: true }}
            />
          ) : null}
        </Group>
      </Group>

      <ErrorAlert error={calendar.error} title="Could not load the calendar" />

      {calendar.data ? (
        <>
          {place.view === 'week' && phone ? (
            <AgendaList
              days={days}
              today={today}
              zone={zone}
              appointments={shown}
              colours={colours}
              onOpen={(appointment) => setDialog({ kind: 'view', appointment })}
            />
          ) : (
            <TimeGrid
              days={days}
              today={today}
              zone={zone}
              appointments={shown}
              colours={colours}
              dayHref={(date) => place.href({ view: 'day', date })}
              onOpen={(appointment) => setDialog({ kind: 'view', appointment })}
              onPick={setup.data ? (date, time) => setDialog({ kind: 'new', at: { date, time } }) : undefined}
            />
          )}
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              {all.length === 0
                ? `No appointments this ${unit}.`
                : `${shown.length} ${shown.length === 1 ? 'appointment' : 'appointments'} this ${unit}${
                    hiddenCount > 0 ? `, ${hiddenCount} cancelled not shown` : ''
                  }.`}
            </Text>
            <Checkbox
              label="Show cancelled"
              checked={showCancelled}
              onChange={(e) => setShowCancelled(e.currentTarget.checked)}
            />
          </Group>
        </>
      ) : calendar.isPending ? (
        <Group justify="center" py="xl">
          <Loader aria-label="Loading the calendar" />
        </Group>
      ) : null}

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog?.kind === 'new'
            ? 'New appointment'
            : dialog?.kind === 'edit'
              ? 'Edit appointment'
              : (dialog?.appointment.clientName ?? '')
        }
        centered
        size="lg"
      >
        {dialog && setup.data ? (
          dialog.kind === 'view' ? (
            <AppointmentDetails
              key={dialog.appointment.id}
              appointment={dialog.appointment}
              zone={zone}
              onEdit={() => setDialog({ kind: 'edit', appointment: dialog.appointment })}
              onClose={() => setDialog(null)}
              onChanged={(appointment) => setDialog({ kind: 'view', appointment })}
            />
          ) : (
            <AppointmentForm
              appointment={dialog.kind === 'edit' ? dialog.appointment : null}
              defaults={defaults}
              setup={setup.data}
              clinicians={clinicians}
              zone={zone}
              known={all}
              onCancel={() =>
                setDialog(dialog.kind === 'edit' ? { kind: 'view', appointment: dialog.appointment } : null)
              }
              onDone={(appointments) => {
                const booked = appointments[0];
                setDialog(null);
                // Show where the (first) appointment went, when it left the days on screen.
                if (booked) {
                  const { date } = wallClock(booked.startsAt, zone);
                  if (!days.includes(date)) place.go({ date });
                }
              }}
            />
          )
        ) : (
          <ErrorAlert error={setup.error} title="Could not load services and locations" />
        )}
      </Modal>
    </Stack>
  );
}
