import { Alert, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../common/ErrorAlert.js';
import type { PortalAppointment, PortalRequest } from '../../../../shared/schemas/appointment-requests.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { useSignedIn } from '../../common/session.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { browserTimeZone, whenLabel, zoneLabel } from './appointment-time.js';
import { useAppointments, useCancelAppointment, useCancelRequest } from './appointments.queries.js';
import { RequestAppointment } from './RequestAppointment.js';

const requestStatus: Record<PortalRequest['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting for an answer', color: 'yellow' },
  accepted: { label: 'Accepted', color: 'green' },
  declined: { label: 'Declined', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  expired: { label: 'Expired', color: 'gray' },
};

const appointmentStatus: Record<string, string> = {
  scheduled: 'Scheduled',
  attended: 'Attended',
  no_show: 'Missed',
  late_cancelled: 'Cancelled late',
  cancelled_by_client: 'Cancelled by you',
  cancelled_by_practice: 'Cancelled by the practice',
};

function Where({ appointment }: { appointment: PortalAppointment }) {
  if (appointment.locationKind === 'telehealth') {
    return appointment.videoLink ? (
      <Text size="sm" className="portal-break">
        Video: <a href={appointment.videoLink}>{appointment.videoLink}</a>
      </Text>
    ) : (
      <Text size="sm">{appointment.locationName} (video link to follow)</Text>
    );
  }
  return (
    <Text size="sm" className="portal-break">
      {appointment.locationName}
      {appointment.address ? `, ${appointment.address.replaceAll('\n', ', ')}` : ''}
    </Text>
  );
}

/** Appointments: upcoming and past appointments, requests and their answers, and Request appointment. */
export function AppointmentsPage() {
  const me = useSignedIn();
  const slug = me.practice.slug;
  usePortalTitle('Appointments', me.practice.name);
  const overview = useAppointments(slug);
  const cancelRequest = useCancelRequest(slug);
  const cancelAppointment = useCancelAppointment(slug);
  const [requesting, setRequesting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  if (!me.permissions.appointments) {
    return (
      <Box maw={760} mx="auto" px="md" py="xl">
        <PageHeading focusOnMount>Appointments</PageHeading>
        <Text mt="md">Online appointment requests are not available. Please contact your practice to book.</Text>
      </Box>
    );
  }

  const data = overview.data;
  const timeZone = data?.timeZone ?? browserTimeZone();
  const actionError = cancelRequest.error ?? cancelAppointment.error;

  return (
    <Box maw={760} mx="auto" px="md" py={{ base: 'lg', sm: 40 }}>
      <Stack gap="lg">
        <Group justify="space-between" align="center" gap="sm">
          <PageHeading focusOnMount>Appointments</PageHeading>
          {requesting ? null : (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setRequesting(true)}>
              Request appointment
            </Button>
          )}
        </Group>
        {data && !requesting && data.practiceTimeZone !== timeZone ? (
          <Text size="sm" c="dimmed">
            Times are shown in {zoneLabel(timeZone)}. The practice is in {zoneLabel(data.practiceTimeZone)}.
          </Text>
        ) : null}
        {notice ? (
          <Alert color="green" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        ) : null}
        {actionError ? (
          <Alert color="red" role="alert" title="That did not work">
            {errorMessage(actionError)}
          </Alert>
        ) : null}
        {requesting && data ? (
          <RequestAppointment
            slug={slug}
            timeZone={timeZone}
            practiceTimeZone={data.practiceTimeZone}
            onCancel={() => setRequesting(false)}
            onDone={(text) => {
              setRequesting(false);
              setNotice(text);
            }}
          />
        ) : null}
        {overview.error ? (
          <Alert color="red" title="Your appointments could not be loaded">
            {errorMessage(overview.error)}
          </Alert>
        ) : null}
        {data ? (
          <>
            <Section title="Upcoming appointments" empty="You have no upcoming appointments.">
              {data.upcoming.map((appointment) => (
                <Paper key={appointment.id} withBorder radius="md" p="md">
                  <Stack gap={4}>
                    <Text fw={600}>{whenLabel(appointment.startsAt, timeZone)}</Text>
                    <Text size="sm">
                      {appointment.serviceName} with {appointment.clinicianName}
                    </Text>
                    <Where appointment={appointment} />
                    {appointment.mayCancel ? (
                      confirming === appointment.id ? (
                        <Group justify="flex-end" gap="xs">
                          <Text size="sm" fw={600} mr="auto">
                            Cancel this appointment?
                          </Text>
                          <Button variant="default" size="xs" onClick={() => setConfirming(null)}>
                            Keep it
                          </Button>
                          <Button
                            color="red.8"
                            size="xs"
                            loading={cancelAppointment.isPending && cancelAppointment.variables === appointment.id}
                            onClick={() =>
                              cancelAppointment.mutate(appointment.id, {
                                onSuccess: () => {
                                  setConfirming(null);
                                  setNotice('Your appointment was cancelled.');
                                },
                              })
                            }
                          >
                            Yes, cancel it
                          </Button>
                        </Group>
                      ) : (
                        <Group justify="flex-end">
                          <Button variant="default" size="xs" onClick={() => setConfirming(appointment.id)}>
                            Cancel appointment
                          </Button>
                        </Group>
                      )
                    ) : (
                      <Text size="xs" c="dimmed">
                        {data.cancelPolicy.allowed
                          ? `To cancel within ${noticeLabel(data.cancelPolicy.noticeMinutes)} of the start, please contact the practice.`
                          : 'To cancel, please contact the practice.'}
                      </Text>
                    )}
                  </Stack>
                </Paper>
              ))}
            </Section>
            <Section title="Requests" empty="You have not requested an appointment yet.">
              {data.requests.map((request) => (
                <Paper key={request.id} withBorder radius="md" p="md">
                  <Stack gap={4}>
                    <Group justify="space-between" gap="xs">
                      <Text fw={600}>{whenLabel(request.startsAt, timeZone)}</Text>
                      <Badge color={requestStatus[request.status].color} c="dark.7" variant="light" tt="none">
                        {requestStatus[request.status].label}
                      </Badge>
                    </Group>
                    <Text size="sm">
                      {request.serviceName} with {request.clinicianName}, {request.locationName}
                    </Text>
                    {request.declineReason ? (
                      <Text size="sm" className="portal-break">
                        Reason: {request.declineReason}
                      </Text>
                    ) : null}
                    {request.status === 'pending' ? (
                      <Group justify="flex-end">
                        <Button
                          variant="default"
                          size="xs"
                          loading={cancelRequest.isPending && cancelRequest.variables === request.id}
                          onClick={() =>
                            cancelRequest.mutate(request.id, {
                              onSuccess: () => setNotice('Your request was cancelled.'),
                            })
                          }
                        >
                          Cancel request
                        </Button>
                      </Group>
                    ) : null}
                  </Stack>
                </Paper>
              ))}
            </Section>
            <Section title="Past and cancelled" empty="No past or cancelled appointments.">
              {data.past.map((appointment) => (
                <Paper key={appointment.id} withBorder radius="md" p="md">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm">{whenLabel(appointment.startsAt, timeZone)}</Text>
                    <Text size="sm" c="dimmed">
                      {appointmentStatus[appointment.status] ?? appointment.status}
                    </Text>
                  </Group>
                </Paper>
              ))}
            </Section>
          </>
        ) : overview.isPending ? (
          <Text c="dimmed">Loading your appointments…</Text>
        ) : null}
      </Stack>
    </Box>
  );
}

/** "24 hours", "90 minutes", "1 hour". */
function noticeLabel(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

function Section({ title, empty, children }: { title: string; empty: string; children: React.ReactNode[] }) {
  const id = `section-${title.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}
