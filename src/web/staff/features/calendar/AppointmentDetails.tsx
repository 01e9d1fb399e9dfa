import { Anchor, Badge, Button, Divider, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { IconPencil, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import {
  appointmentStatusLabels,
  type AppointmentStatus,
  type CalendarAppointment,
} from '../../../../shared/schemas/scheduling.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { whenText } from './appointment-text.js';
import { useSetAppointmentStatus } from './calendar.queries.js';
import { isCancelled } from './calendar-time.js';
import { ScopeQuestion } from './ScopeQuestion.js';

/** The statuses set from the Status field; cancelling has its own button. */
const attendanceStatuses: AppointmentStatus[] = ['scheduled', 'attended', 'no_show', 'late_cancelled'];

interface AppointmentDetailsProps {
  appointment: CalendarAppointment;
  zone: string;
  onEdit: () => void;
  onClose: () => void;
  /** After a status change, with the appointment as it now is. */
  onChanged: (appointment: CalendarAppointment) => void;
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text style={{ overflowWrap: 'anywhere' }}>{children}</Text>
    </div>
  );
}

/** An appointment: when, what, who and where; its status; Edit, and Cancel appointment (by client or by practice). */
export function AppointmentDetails({ appointment, zone, onEdit, onClose, onChanged }: AppointmentDetailsProps) {
  const setStatus = useSetAppointmentStatus();
  const [cancelling, setCancelling] = useState(false);
  const [cancelledBy, setCancelledBy] = useState<'cancelled_by_client' | 'cancelled_by_practice'>(
    'cancelled_by_client',
  );
  const [asking, setAsking] = useState<AppointmentStatus | null>(null);

  const apply = (status: AppointmentStatus, scope: 'this' | 'following') => {
    setStatus.mutate(
      { id: appointment.id, body: { status, scope } },
      {
        onSuccess: (answer) => {
          setAsking(null);
          setCancelling(false);
          const changed = answer.appointments.find((a) => a.id === appointment.id);
          if (changed) onChanged(changed);
        },
      },
    );
  };
  const choose = (status: AppointmentStatus) => {
    if (appointment.seriesId) setAsking(status);
    else apply(status, 'this');
  };

  if (asking) {
    return (
      <ScopeQuestion
        question={`Set ${appointmentStatusLabels[asking]} on this appointment only, or on this one and the ones after it in the series?`}
        pending={setStatus.isPending}
        error={setStatus.error}
        onBack={() => {
          setAsking(null);
          setStatus.reset();
        }}
        onChoose={(scope) => apply(asking, scope)}
      />
    );
  }

  const statusOptions = attendanceStatuses.includes(appointment.status)
    ? attendanceStatuses
    : [...attendanceStatuses, appointment.status];
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light" color={isCancelled(appointment.status) ? 'gray' : 'portico'}>
          {appointmentStatusLabels[appointment.status]}
        </Badge>
        {appointment.seriesId ? (
          <Badge variant="outline" color="gray" leftSection={<IconRepeat size={12} aria-hidden />}>
            Recurring
          </Badge>
        ) : null}
      </Group>
      <Detail label="When">{whenText(appointment, zone)}</Detail>
      <Detail label="Service">{appointment.serviceName}</Detail>
      <Detail label="Clinician">{appointment.clinicianName}</Detail>
      <Detail label="Location">
        {appointment.locationName}
        {appointment.videoLink ? (
          <>
            {' · '}
            <Anchor href={appointment.videoLink} target="_blank" rel="noreferrer">
              Video link
            </Anchor>
          </>
        ) : null}
      </Detail>
      <ErrorAlert error={setStatus.error} title="Could not change the status" />
      <Divider />
      {cancelling ? (
        <Stack gap="sm">
          <Radio.Group
            label="Who cancelled?"
            value={cancelledBy}
            onChange={(value) =>
              setCancelledBy(value === 'cancelled_by_practice' ? 'cancelled_by_practice' : 'cancelled_by_client')
            }
          >
            <Stack gap={6} mt={6}>
              <Radio value="cancelled_by_client" label="Cancelled by client" />
              <Radio value="cancelled_by_practice" label="Cancelled by practice" />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setCancelling(false)}>
              Keep appointment
            </Button>
            <Button color="red" loading={setStatus.isPending} onClick={() => choose(cancelledBy)}>
              Cancel appointment
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Select
            label="Status"
            data={statusOptions.map((status) => ({ value: status, label: appointmentStatusLabels[status] }))}
            value={appointment.status}
            allowDeselect={false}
            onChange={(value) => {
              const status = statusOptions.find((s) => s === value);
              if (status && status !== appointment.status) choose(status);
            }}
            disabled={setStatus.isPending}
            comboboxProps={{ withinPortal: true }}
            maw={260}
          />
          <Group justify="space-between" gap="sm">
            {isCancelled(appointment.status) ? (
              <span />
            ) : (
              <Button variant="subtle" color="red" onClick={() => setCancelling(true)}>
                Cancel appointment
              </Button>
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Done
              </Button>
              <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
                Edit
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}
