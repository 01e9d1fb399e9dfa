import { Text, UnstyledButton } from '@mantine/core';
import { DateTime } from 'luxon';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { CalendarAppointment } from '../../../../shared/schemas/scheduling.js';
import { formatTime } from '../../../common/dates.js';
import { appointmentLabel, noonOf, timeRange } from './appointment-text.js';
import { hoursShown, isCancelled, layOutDay, timeAtOffset, type PlacedAppointment } from './calendar-time.js';
import './calendar.css';

/** The height of one hour on the grid, in pixels. */
const hourHeight = 60;

interface TimeGridProps {
  days: readonly string[];
  today: string;
  zone: string;
  appointments: readonly CalendarAppointment[];
  colours: Map<string, { accent: string; tint: string }>;
  /** The address of a day's own view (the week's day headings link to it). */
  dayHref: (date: string) => string;
  onOpen: (appointment: CalendarAppointment) => void;
  /**
   * A click on an empty stretch of a day: book there. A pointer shortcut only; the keyboard books
   * through New appointment, so the columns stay out of the tab order.
   */
  onPick?: (date: string, time: string) => void;
}

/**
 * Days side by side on a time grid: each appointment a button at its start, as tall as it lasts,
 * appointments that overlap side by side. Buttons follow in day and time order for the keyboard.
 */
export function TimeGrid({ days, today, zone, appointments, colours, dayHref, onOpen, onPick }: TimeGridProps) {
  const placedByDay = days.map((date) => ({ date, placed: layOutDay(appointments, date, zone) }));
  const { first, last } = hoursShown(placedByDay.flatMap((d) => d.placed));
  const hours = Array.from({ length: last - first }, (_, index) => first + index);
  const height = (last - first) * hourHeight;
  const lines: CSSProperties = {
    height,
    backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-2) 0 1px, transparent 1px ${hourHeight}px)`,
  };
  return (
    <div className="portico-cal-grid" style={{ gridTemplateColumns: `64px repeat(${days.length}, minmax(0, 1fr))` }}>
      <div className="portico-cal-gutter-head" />
      {days.map((date) => {
        const noon = noonOf(date, zone);
        const local = DateTime.fromISO(date);
        const heading = (
          <>
            <Text size="xs" fw={600} tt="uppercase" c="inherit">
              {local.toFormat('ccc')}
            </Text>
            <Text size="lg" fw={700} c="inherit" lh={1.1}>
              {local.day}
            </Text>
          </>
        );
        return days.length > 1 ? (
          <Link
            key={date}
            to={dayHref(date)}
            className="portico-cal-head"
            data-today={date === today || undefined}
            aria-label={`${DateTime.fromISO(noon).setZone(zone).toFormat('cccc d LLLL')}: open the day`}
          >
            {heading}
          </Link>
        ) : (
          <div key={date} className="portico-cal-head" data-today={date === today || undefined}>
            {heading}
          </div>
        );
      })}
      <div className="portico-cal-gutter" style={{ height }} aria-hidden>
        {hours.map((hour) => (
          <span key={hour} className="portico-cal-hour-label" style={{ top: (hour - first) * hourHeight }}>
            {hour === first ? '' : formatTime(DateTime.utc(2000, 1, 1, hour).toISO() ?? '', 'UTC')}
          </span>
        ))}
      </div>
      {placedByDay.map(({ date, placed }) => (
        <div
          key={date}
          className="portico-cal-day"
          style={lines}
          data-today={date === today || undefined}
          data-pickable={onPick ? true : undefined}
          data-date={date}
          onClick={(event) => {
            // Clicks on an appointment open it; only the column's own background books.
            if (!onPick || event.target !== event.currentTarget) return;
            const top = event.currentTarget.getBoundingClientRect().top;
            onPick(date, timeAtOffset(event.clientY - top, first, hourHeight));
          }}
        >
          {placed.map((item) => (
            <AppointmentBlock
              key={item.appointment.id}
              item={item}
              first={first}
              zone={zone}
              colour={colours.get(item.appointment.clinicianId)}
              onOpen={onOpen}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

function AppointmentBlock({
  item,
  first,
  zone,
  colour,
  onOpen,
}: {
  item: PlacedAppointment;
  first: number;
  zone: string;
  colour: { accent: string; tint: string } | undefined;
  onOpen: (appointment: CalendarAppointment) => void;
}) {
  const { appointment } = item;
  const top = ((item.startMinute - first * 60) / 60) * hourHeight;
  const height = Math.max(((item.endMinute - item.startMinute) / 60) * hourHeight - 2, 20);
  const style = {
    top,
    height,
    left: `calc(${(item.column / item.columns) * 100}% + 2px)`,
    width: `calc(${100 / item.columns}% - 4px)`,
    '--cal-accent': colour?.accent,
    '--cal-tint': colour?.tint,
  } as CSSProperties;
  return (
    <UnstyledButton
      className="portico-cal-appt"
      style={style}
      data-cancelled={isCancelled(appointment.status) || undefined}
      aria-label={appointmentLabel(appointment, zone, true)}
      onClick={() => onOpen(appointment)}
    >
      <span className="portico-cal-appt-name">{appointment.clientName}</span>
      <span>{timeRange(appointment, zone)}</span>
      {height > 44 ? <span>{appointment.serviceName}</span> : null}
    </UnstyledButton>
  );
}
