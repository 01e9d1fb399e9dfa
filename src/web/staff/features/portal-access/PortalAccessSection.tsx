import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Client } from '../../../../shared/schemas/clients.js';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';
import { formatDateTime, fromNow } from '../../../common/dates.js';
import { callName, fullName } from '../../common/client-name.js';
import { ActiveAccessTools } from './ActiveAccessTools.js';
import { DisableAccessButton } from './DisableAccessButton.js';
import { EmailAccessForm } from './EmailAccessForm.js';
import { InvitationList } from './InvitationList.js';
import { NotSignedInBanner } from './NotSignedInBanner.js';
import { PortalAccessBadge } from './PortalAccessBadge.js';
import { NoEligibleEmailAlert, PortalOffAlert } from './PortalNotices.js';

interface PortalAccessSectionProps {
  client: Client;
  view: PortalAccessView;
  timeZone: string;
  isOwner: boolean;
  onGoToInfo: () => void;
}

function When({ label, iso, timeZone }: { label: string; iso: string; timeZone: string }) {
  return (
    <Text size="sm" c="dimmed">
      {label} {fromNow(iso)} · <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>
    </Text>
  );
}

/** "Client Portal access": state, portal email, sending, delivery status and disabling. */
export function PortalAccessSection({ client, view, timeZone, isOwner, onGoToInfo }: PortalAccessSectionProps) {
  const name = callName(client);
  const hasEmail = view.eligibleEmails.length > 0;
  const holdsAccess = view.state === 'invited' || view.state === 'active';
  // A fresh form (selection, checkbox, message) whenever the access itself changes.
  const formKey = `${view.state}|${view.email?.address ?? ''}|${view.lastInvitedAt ?? ''}`;

  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="sm">
          <Title order={2} size="h3">
            Client Portal access
          </Title>
          <PortalAccessBadge state={view.state} practicePortalEnabled={view.practicePortalEnabled} />
        </Group>
        {view.lastSignedInAt ? <When label="Last signed in" iso={view.lastSignedInAt} timeZone={timeZone} /> : null}
        {view.state === 'disabled' && view.disabledAt ? (
          <When label="Access disabled" iso={view.disabledAt} timeZone={timeZone} />
        ) : null}
        {!view.practicePortalEnabled ? <PortalOffAlert isOwner={isOwner} /> : null}
        {view.state === 'invited' ? (
          <NotSignedInBanner name={name} lastInvitedAt={view.lastInvitedAt} timeZone={timeZone} />
        ) : null}
        {hasEmail ? (
          <EmailAccessForm key={formKey} clientId={client.id} view={view} />
        ) : (
          <NoEligibleEmailAlert onGoToInfo={onGoToInfo} />
        )}
        {view.state === 'active' && hasEmail ? (
          <>
            <Divider />
            <ActiveAccessTools clientId={client.id} view={view} name={name} timeZone={timeZone} />
          </>
        ) : null}
        {view.invitations.length > 0 || view.state !== 'not_invited' ? (
          <>
            <Divider />
            <InvitationList invitations={view.invitations} timeZone={timeZone} />
          </>
        ) : null}
        {holdsAccess ? (
          <>
            <Divider />
            <Group justify="space-between" align="center" gap="sm">
              <Text size="sm" c="dimmed" maw={520} style={{ overflowWrap: 'anywhere' }}>
                Ends {name}’s portal sessions at once and stops every link sent so far.
              </Text>
              <DisableAccessButton clientId={client.id} name={fullName(client)} />
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
