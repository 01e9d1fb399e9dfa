import { Anchor, Badge, Box, Button, Group, Loader, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { InboxRequest } from '../../../../shared/schemas/appointment-requests.js';
import { formatDateTime, formatTime, formatWeekdayDate } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';
import { canAnswerRequests } from './access.js';
import { useAcceptRequest, useDeclineRequest, useRequestInbox } from './requests.queries.js';

/** "America/New York". */
function zoneName(zone: string): string {
  return zone.replaceAll('_', ' ');
}

/** "Tuesday, 8 December · 12:00–12:50" in a zone, with the zone named. */
function span(request: InboxRequest, zone: string): string {
  return `${formatWeekdayDate(request.startsAt, zone, { withYear: true })} · ${formatTime(request.startsAt, zone)}–${formatTime(request.endsAt, zone)}`;
}

/** The Requests inbox: appointment requests from the Client Portal, each to accept or decline. */
export function RequestsPage() {
  usePageTitle('Requests');
  const { staff } = useSignedIn();
  const inbox = useRequestInbox();
  const [declining, setDeclining] = useState<InboxRequest | null>(null);

  if (!canAnswerRequests(staff.roles)) {
    return (
      <Box maw={880} mx="auto">
        <Title order={1}>Requests</Title>
        <Text mt="md">Appointment requests are answered by owners, schedulers and clinicians.</Text>
      </Box>
    );
  }

  return (
    <Box maw={880} mx="auto">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Requests</Title>
          <Text c="dimmed">
            Appointment requests clients sent through the Client Portal. Each time stays held until you answer or the
            hold runs out.
          </Text>
        </Stack>
        {inbox.error ? <ErrorAlert error={inbox.error} title="The requests could not be loaded" /> : null}
        {inbox.isPending ? (
          <Group gap="sm">
            <Loader size="sm" />
            <Text c="dimmed">Loading requests…</Text>
          </Group>
        ) : null}
        {inbox.data && inbox.data.items.length === 0 ? (
          <Paper withBorder p="xl" ta="center">
            <Text fw={600}>No requests are waiting.</Text>
            <Text c="dimmed" size="sm" mt={4}>
              New requests from the Client Portal appear here, and you are emailed when one arrives.
            </Text>
          </Paper>
        ) : null}
        {inbox.data && inbox.data.items.length > 0 ? (
          <Stack
            gap="md"
            component="ul"
            aria-label="Pending requests"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {inbox.data.items.map((request) => (
              <RequestCard key={request.id} request={request} onDecline={() => setDeclining(request)} />
            ))}
          </Stack>
        ) : null}
      </Stack>
      {declining ? <DeclineDialog request={declining} onClose={() => setDeclining(null)} /> : null}
    </Box>
  );
}

function RequestCard({ request, onDecline }: { request: InboxRequest; onDecline: () => void }) {
  const accept = useAcceptRequest();
  const titleId = `request-${request.id}`;
  const otherZone = request.clientTimeZone !== request.practiceTimeZone;
  return (
    <Paper component="li" withBorder p={{ base: 'md', sm: 'lg' }} aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor
            component={Link}
            to={`/clients/${request.clientId}`}
            fw={650}
            fz="lg"
            id={titleId}
            style={{ overflowWrap: 'anywhere' }}
          >
            <bdi>{request.clientName}</bdi>
          </Anchor>
          <Badge variant="light" color="gray" c="dark.6" tt="none" size="lg" radius="sm" fw={500}>
            Held until {formatDateTime(request.holdExpiresAt, request.practiceTimeZone)}
          </Badge>
        </Group>
        <Text>
          {request.serviceName} with <bdi>{request.clinicianName}</bdi>, {request.locationName}
        </Text>
        <Stack gap={2}>
          <Text fw={600}>{span(request, request.practiceTimeZone)}</Text>
          <Text size="sm" c="dimmed">
            {otherZone
              ? `Practice time (${zoneName(request.practiceTimeZone)})`
              : `Practice time (${zoneName(request.practiceTimeZone)}), also the client’s`}
          </Text>
          {otherZone ? (
            <>
              <Text fw={600} mt={4}>
                {span(request, request.clientTimeZone)}
              </Text>
              <Text size="sm" c="dimmed">
                The client’s time ({zoneName(request.clientTimeZone)})
              </Text>
            </>
          ) : null}
        </Stack>
        {request.message ? (
          <Box p="sm" style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 'var(--mantine-radius-md)' }}>
            <Text size="xs" c="dimmed" fw={600}>
              Message from the client
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {request.message}
            </Text>
          </Box>
        ) : null}
        {accept.error ? <ErrorAlert error={accept.error} title="The request was not accepted" /> : null}
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={onDecline}
            disabled={accept.isPending}
            aria-label={`Decline ${request.clientName}’s request`}
          >
            Decline
          </Button>
          <Button
            leftSection={<IconCheck size={16} aria-hidden />}
            loading={accept.isPending}
            aria-label={`Accept ${request.clientName}’s request`}
            onClick={() =>
              accept.mutate(request.id, {
                onSuccess: () =>
                  notifications.show({
                    color: 'green',
                    message: `Accepted: ${request.clientName}’s appointment is booked and they are emailed a confirmation.`,
                  }),
              })
            }
          >
            Accept
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DeclineDialog({ request, onClose }: { request: InboxRequest; onClose: () => void }) {
  const decline = useDeclineRequest();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';
  const serverError = sentence(fieldErrorsOf(decline.error).reason);
  const submit = () => {
    setTouched(true);
    if (missing) return;
    decline.mutate(
      { id: request.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Declined: ${request.clientName} is emailed your reason.` });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="Decline request" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">
            <bdi>{request.clientName}</bdi> asked for {span(request, request.practiceTimeZone)}.
          </Text>
          <Textarea
            label="Reason"
            description="Emailed to the client. Suggest another time if you can."
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={touched && missing ? 'Please give a reason' : serverError}
            required
            autosize
            minRows={3}
            maxLength={1000}
            data-autofocus
          />
          {decline.error && !serverError ? (
            <ErrorAlert error={decline.error} title="The request was not declined" />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.8" loading={decline.isPending}>
              Decline request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
