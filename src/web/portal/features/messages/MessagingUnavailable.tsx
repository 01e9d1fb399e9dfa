import { Box, Button, Paper } from '@mantine/core';
import { IconMessageOff } from '@tabler/icons-react';
import { Link } from '../../common/router.js';
import { portalPaths } from '../../common/paths.js';
import { MessageCard } from '../../common/layout/MessageCard.js';

/** A visit to Messages while messaging is off for this client (or the whole practice). */
export function MessagingUnavailable({ practice }: { practice: { name: string; slug: string } }) {
  return (
    <Box px="md" py={{ base: 'lg', sm: 48 }}>
      <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 32 }} maw={480} mx="auto">
        <MessageCard
          icon={<IconMessageOff size={28} stroke={1.6} />}
          color="gray"
          title="Messages are not available"
          focusOnMount
          actions={
            <Button component={Link} to={portalPaths.home(practice.slug)} fullWidth size="md">
              Go to Home
            </Button>
          }
        >
          Messaging with <bdi>{practice.name}</bdi> is not turned on in your Client Portal. To reach your practice,
          please contact them directly.
        </MessageCard>
      </Paper>
    </Box>
  );
}
