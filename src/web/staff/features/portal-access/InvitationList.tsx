import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';
import { formatDateTime } from '../../../common/dates.js';
import {
  amberText,
  cancelReasonLabels,
  invitationStateColors,
  invitationStateLabels,
  kindLabels,
} from './portal-labels.js';

type Invitation = PortalAccessView['invitations'][number];

function At({ iso, timeZone }: { iso: string; timeZone: string }) {
  return <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>;
}

/** One line that says what became of the email and its link, and when. */
function StateNote({ item, timeZone }: { item: Invitation; timeZone: string }) {
  const when = (prefix: string, iso: string | null): ReactNode =>
    iso ? (
      <>
        {prefix} on <At iso={iso} timeZone={timeZone} />
      </>
    ) : (
      prefix
    );
  let note: ReactNode;
  let color = 'dimmed';
  switch (item.state) {
    case 'queued':
      if (item.attempts > 0) {
        color = amberText;
        note = `The mail server did not take it yet; retrying (${item.attempts} ${item.attempts === 1 ? 'attempt' : 'attempts'})${item.lastError ? ` · ${item.lastError}` : ''}`;
      } else {
        note = 'Waiting to be handed to the mail server';
      }
      break;
    case 'sending':
      note = 'Being handed to the mail server';
      break;
    case 'sent':
      note = (
        <>
          {when('Accepted by the mail server', item.stateAt)} · works until{' '}
          <At iso={item.expiresAt} timeZone={timeZone} />
        </>
      );
      break;
    case 'failed':
      color = 'red.9';
      note = `Not delivered${item.lastError ? `: ${item.lastError}` : '.'}`;
      break;
    case 'used':
      note = when('Signed in with it', item.stateAt);
      break;
    case 'replaced':
      note =
        item.replacedBy === 'newer_links'
          ? 'Replaced by newer links, so it no longer works'
          : when('Replaced: signed in with another link or code', item.stateAt);
      break;
    case 'expired':
      note = when('Expired unused', item.stateAt);
      break;
    case 'cancelled':
      note = (
        <>
          {when(item.cancelReason ? cancelReasonLabels[item.cancelReason] : 'Cancelled before use', item.stateAt)}
          {/* Cancelled before the mail worker reached it: the email was never sent. */}
          {item.delivery === 'withdrawn' ? ' · the email was not sent' : null}
        </>
      );
      break;
  }
  return (
    <Text size="xs" c={color} style={{ overflowWrap: 'anywhere' }}>
      {note}
    </Text>
  );
}

/** Every invitation and sign-in link emailed to the client, newest first, with what became of it. */
export function InvitationList({ invitations, timeZone }: { invitations: Invitation[]; timeZone: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Invitations
      </Title>
      {invitations.length === 0 ? (
        <Text size="sm" c="dimmed">
          No invitations sent yet.
        </Text>
      ) : (
        <Stack
          component="ul"
          gap={0}
          aria-label="Invitations and sign-in links"
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 'var(--mantine-radius-md)',
          }}
        >
          {invitations.map((item, index) => (
            <li
              key={item.id}
              data-state={item.state}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)',
              }}
            >
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text size="sm" fw={600}>
                    {kindLabels[item.kind]}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    To <bdi>{item.sentTo}</bdi> · <At iso={item.createdAt} timeZone={timeZone} />
                  </Text>
                  <StateNote item={item} timeZone={timeZone} />
                </Stack>
                <Badge
                  variant="light"
                  color={invitationStateColors[item.state]}
                  size="sm"
                  tt="none"
                  style={{ flexShrink: 0 }}
                >
                  {invitationStateLabels[item.state]}
                </Badge>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
