import { Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { demoApi } from '../../../../shared/contract/demo.js';
import { call } from '../../../common/api.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../session.js';

/**
 * Only in the demo (`npm run demo`): says so, and opens the Client Portal as the demo client
 * through a sign-in link issued for this click (a link works once; the next click gets another).
 */
export function DemoBanner() {
  const { session } = useSignedIn();
  const portalClient = session.demo?.portalClient;
  const openPortal = useMutation({
    mutationFn: () => call(demoApi.portalLink),
    onSuccess: ({ path }) => window.location.assign(path),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not open the portal', message: errorMessage(error) }),
  });
  if (!session.demo) return null;
  return (
    <Paper component="section" aria-label="Demo" bg="indigo.0" mb="md" p="sm" radius="md">
      <Group justify="space-between" gap="sm">
        <Text size="sm" miw={0} style={{ flex: '1 1 16rem' }}>
          <strong>Demo practice.</strong> Everything here is made up, and deleted when the demo stops.
        </Text>
        {portalClient ? (
          <Button
            size="xs"
            variant="white"
            rightSection={<IconExternalLink size={14} aria-hidden />}
            loading={openPortal.isPending}
            onClick={() => openPortal.mutate()}
          >
            Open the portal as {portalClient.name}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
