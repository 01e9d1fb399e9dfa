import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { CopyPortalAddress } from '../../common/portal/CopyPortalAddress.js';
import type { PortalAccessView, SignInCode } from '../../../../shared/schemas/portal-access.js';
import { useEmailSignInLink, useGenerateSignInCode } from './portal-access.queries.js';
import { SignInCodeModal } from './SignInCodeModal.js';

interface ActiveAccessToolsProps {
  clientId: string;
  view: PortalAccessView;
  name: string;
  timeZone: string;
}

/** Helping an active client back in: the portal address, a fresh sign-in link, or a code to read out. */
export function ActiveAccessTools({ clientId, view, name, timeZone }: ActiveAccessToolsProps) {
  const link = useEmailSignInLink(clientId);
  const generate = useGenerateSignInCode(clientId);
  const [code, setCode] = useState<SignInCode | null>(null);
  const off = !view.practicePortalEnabled;

  const sendLink = () => {
    generate.reset();
    link.mutate(undefined, {
      onSuccess: () =>
        notifications.show({
          color: 'portico',
          title: 'Sign-in link sent',
          message: `To ${view.email?.address ?? 'the portal email'}`,
        }),
    });
  };
  const makeCode = () => {
    link.reset();
    generate.mutate(undefined, { onSuccess: setCode });
  };

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Help {name} sign in
      </Title>
      <Text size="sm" c="dimmed">
        Share the portal address, for example in a secure message, or send a one-time way in.
      </Text>
      <CopyPortalAddress url={view.portalUrl} />
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconMailForward size={16} aria-hidden />}
          onClick={sendLink}
          loading={link.isPending}
          disabled={off}
        >
          Email a sign-in link
        </Button>
        <Button
          variant="default"
          leftSection={<IconKey size={16} aria-hidden />}
          onClick={makeCode}
          loading={generate.isPending}
          disabled={off}
        >
          Generate sign-in code
        </Button>
      </Group>
      <ErrorAlert error={link.error} title="Could not send the sign-in link" />
      <ErrorAlert error={generate.error} title="Could not generate a sign-in code" />
      <SignInCodeModal code={code} timeZone={timeZone} onClose={() => setCode(null)} />
    </Stack>
  );
}
