import { Badge, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { CSSProperties } from 'react';
import { appointmentStatusLabels, type CalendarAppointment } from '../../../../shared/schemas/scheduling.js';
import { formatWeekdayDate } from '../../../common/dates.js';
import { appointmentLabel, noonOf, timeRange } from './appointment-text.js';
import { fallsOn, isCancelled } from './calendar-time.js';
import './calendar.css';

interface AgendaListProps {
  days: readonly string[];
  today: string;
  zone: string;
  appointments: readonly CalendarAppointment[];
  colours: Map<string, { accent: string; tint: string }>;
  onOpen: (appointment: CalendarAppointment) => void;
}

/** The week as a list of days and their appointments: what a phone shows instead of seven narrow columns. */
export function AgendaList({ days, today, zone, appointments, colours, onOpen }: AgendaListProps) {
  return (
    <Stack gap="md">
      {days.map((date) => {
        const onDay = appointments
          .filter((a) => fallsOn(a, date, zone))
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        return (
          <section key={date} aria-labelledby={`agenda-${date}`}>
            <Title order={3} size="h5" id={`agenda-${date}`} mb={6} c={date === today ? 'portico.8' : undefined}>
              {formatWeekdayDate(noonOf(date, zone), zone)}
              {date === today ? ' · Today' : ''}
            </Title>
            {onDay.length === 0 ? (
              <Text size="sm" c="dimmed">
                No appointments
              </Text>
            ) : (
              <Stack component="ul" gap={6} className="portico-cal-agenda">
                {onDay.map((appointment) => {
                  const colour = colours.get(appointment.clinicianId);
                  const style = { '--cal-accent': colour?.accent } as CSSProperties;
                  return (
                    <li key={appointment.id}>
                      <UnstyledButton
                        className="portico-cal-card"
                        style={style}
                        data-cancelled={isCancelled(appointment.status) || undefined}
                        aria-label={appointmentLabel(appointment, zone, true)}
                        onClick={() => onOpen(appointment)}
                      >
                        <Group justify="space-between" gap={6} wrap="nowrap">
                          <Text size="sm" fw={600}>
                            {timeRange(appointment, zone)}
                          </Text>
                          {appointment.status !== 'scheduled' ? (
                            <Badge
                              size="sm"
                              variant="light"
                              color={isCancelled(appointment.status) ? 'gray' : 'portico'}
                            >
                              {appointmentStatusLabels[appointment.status]}
                            </Badge>
                          ) : null}
                        </Group>
                        <Text
                          size="sm"
                          fw={600}
                          truncate="end"
                          td={isCancelled(appointment.status) ? 'line-through' : undefined}
                        >
                          {appointment.clientName}
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end">
                          {appointment.serviceName} · {appointment.clinicianName} · {appointment.locationName}
                        </Text>
                      </UnstyledButton>
                    </li>
                  );
                })}
              </Stack>
            )}
          </section>
        );
      })}
    </Stack>
  );
}
