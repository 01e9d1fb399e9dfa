import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TimeConflict } from '../../../../shared/errors.js';
import type { CalendarAppointment } from '../../../../shared/schemas/scheduling.js';
import { whenText } from './appointment-text.js';

interface ConflictWarningProps {
  conflicts: readonly TimeConflict[];
  /** The appointments on screen, to name a conflict's client and service when it is one of them. */
  known: readonly CalendarAppointment[];
  zone: string;
  /** "Book anyway" or "Save anyway". */
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

function describe(conflict: TimeConflict, known: readonly CalendarAppointment[], zone: string): string {
  const when = whenText(conflict, zone);
  if (conflict.kind === 'request') return `${when}: a pending appointment request`;
  const appointment = known.find((a) => a.id === conflict.id);
  return appointment
    ? `${when}: ${appointment.clientName}, ${appointment.serviceName} with ${appointment.clinicianName}`
    : `${when}: another appointment`;
}

/**
 * The server's answer to a time that overlaps the clinician's calendar: what it overlaps, and a
 * button that books over exactly those (the form sends their ids back as acknowledged).
 */
export function ConflictWarning({ conflicts, known, zone, confirmLabel, pending, onConfirm }: ConflictWarningProps) {
  return (
    <Alert
      color="orange"
      variant="light"
      title="This time overlaps the clinician's calendar"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
    >
      <Text size="sm">It overlaps:</Text>
      <List size="sm" mt={4} mb="sm">
        {conflicts.map((conflict) => (
          <List.Item key={conflict.id}>{describe(conflict, known, zone)}</List.Item>
        ))}
      </List>
      <Text size="sm" mb="sm">
        Book over it only if the clinician means to double-book. Otherwise choose another time.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </Group>
    </Alert>
  );
}
