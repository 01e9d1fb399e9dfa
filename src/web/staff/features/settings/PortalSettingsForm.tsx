import { Button, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { PortalPermissions, PortalSettings } from '../../../../shared/schemas/portal-access.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { CopyPortalAddress } from '../../common/portal/CopyPortalAddress.js';
import { PermissionCheckboxes } from '../../common/portal/PermissionCheckboxes.js';
import { useSavePortalSettings } from './settings.queries.js';
import { TurnOffPortalModal } from './TurnOffPortalModal.js';

const paymentsOff = 'Online payments are not set up for this practice yet, so clients cannot pay in the portal.';

/** The practice-wide switch, default permissions for new clients and the welcome email message. */
export function PortalSettingsForm({ settings }: { settings: PortalSettings }) {
  const [enabled, setEnabled] = useState(settings.enabled);
  const [defaults, setDefaults] = useState<PortalPermissions>(settings.defaults);
  const [welcomeMessage, setWelcomeMessage] = useState(settings.welcomeMessage);
  const [messagingEnabled, setMessagingEnabled] = useState(settings.messagingEnabled);
  const [confirming, setConfirming] = useState(false);
  const save = useSavePortalSettings();
  const errors = fieldErrorsOf(save.error);

  const persist = () =>
    save.mutate(
      { enabled, defaults, welcomeMessage, messagingEnabled },
      {
        onSuccess: (saved) => {
          setConfirming(false);
          notifications.show({
            color: 'portico',
            title: 'Settings saved',
            message: saved.enabled ? 'The Client Portal is on.' : 'The Client Portal is turned off for your practice.',
          });
        },
        onError: () => setConfirming(false),
      },
    );

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (settings.enabled && !enabled) setConfirming(true);
    else persist();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={save.error} title="Could not save the settings" hideWhenOnlyFields />
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Title order={2} size="h3">
              Client Portal
            </Title>
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Portal address
              </Text>
              <CopyPortalAddress url={settings.portalUrl} />
              <Text size="xs" c="dimmed">
                Clients sign in here. Share it in a secure message or suggest they bookmark it.
              </Text>
            </Stack>
            <Switch
              size="md"
              label="Client Portal"
              description={
                enabled
                  ? 'On: clients with access can sign in and use the portal.'
                  : 'Off: nobody can sign in or use the portal, and no portal emails are sent. Turning it on restores everyone’s previous access.'
              }
              checked={enabled}
              onChange={(event) => setEnabled(event.currentTarget.checked)}
              styles={{ label: { fontWeight: 600 } }}
            />
          </Stack>
        </Paper>

        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Title order={2} size="h3">
              Secure messaging
            </Title>
            <Switch
              size="md"
              label="Allow clients to exchange secure messages with the practice"
              description={
                messagingEnabled
                  ? 'On: clients whose Use secure messaging permission is on can read and send messages in the portal. Staff see every conversation in Messages.'
                  : 'Off: no client can read or send messages, whatever their own permission, and staff cannot send. Past messages are kept and stay visible to staff.'
              }
              checked={messagingEnabled}
              onChange={(event) => setMessagingEnabled(event.currentTarget.checked)}
              styles={{ label: { fontWeight: 600 } }}
            />
          </Stack>
        </Paper>

        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <div>
              <Title order={2} size="h3">
                Default permissions for new clients
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                New clients start with these. Change them for one client on their Client Portal tab.
              </Text>
            </div>
            <PermissionCheckboxes
              value={defaults}
              onChange={setDefaults}
              paymentsUnavailable={settings.paymentsActive ? null : paymentsOff}
            />
          </Stack>
        </Paper>

        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Title order={2} size="h3">
              Welcome email
            </Title>
            <Textarea
              label="Welcome email message"
              description="Shown above the sign-in link in every invitation. Staff can edit it for each send."
              required
              withAsterisk={false}
              autosize
              minRows={5}
              maxRows={14}
              maxLength={2000}
              value={welcomeMessage}
              onChange={(event) => setWelcomeMessage(event.currentTarget.value)}
              error={sentence(errors.welcomeMessage)}
            />
          </Stack>
        </Paper>

        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending && !confirming} miw={140}>
            Save settings
          </Button>
        </Group>
      </Stack>
      <TurnOffPortalModal
        opened={confirming}
        pending={save.isPending}
        onConfirm={persist}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
