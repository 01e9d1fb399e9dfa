import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconFileText } from '@tabler/icons-react';
import { Link } from '../../common/router.js';
import { portalPaths } from '../../common/paths.js';
import { useToCompleteCount } from '../documents/index.js';

/** "2 documents to complete", "1 document to complete", "Nothing to complete". */
export function toCompleteLabel(count: number): string {
  if (count === 0) return 'Nothing to complete';
  return `${count} ${count === 1 ? 'document' : 'documents'} to complete`;
}

/** Home's Documents tile: how many forms and consents wait for the client, and the way to them. */
export function DocumentsCard({ practice }: { practice: { name: string; slug: string } }) {
  const toComplete = useToCompleteCount(practice.slug);
  const count = toComplete.data;
  const waiting = count !== undefined && count > 0;

  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'lg', sm: 'xl' }}
      component="section"
      aria-labelledby="documents-card-title"
      style={waiting ? { borderColor: 'var(--mantine-color-portico-3)' } : undefined}
    >
      <Group justify="space-between" gap="lg" align="center">
        <Group gap="md" wrap="nowrap" align="flex-start" miw={0} style={{ flex: '1 1 320px' }}>
          <ThemeIcon size={48} radius="md" variant="light" aria-hidden>
            <IconFileText size={26} stroke={1.7} />
          </ThemeIcon>
          <Stack gap={6} miw={0}>
            <Group gap="sm" wrap="wrap" align="center">
              <Title order={2} id="documents-card-title">
                Documents
              </Title>
              {count === undefined ? null : (
                <Badge
                  variant={waiting ? 'filled' : 'light'}
                  color={waiting ? 'red.8' : 'gray'}
                  c={waiting ? undefined : 'dark.6'}
                  size="lg"
                  radius="sm"
                  tt="none"
                  fw={600}
                >
                  {toCompleteLabel(count)}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" className="portal-break">
              {waiting ? (
                <>
                  <bdi>{practice.name}</bdi> has asked you to fill in or sign documents.
                </>
              ) : (
                <>Forms and consents from your practice, and your completed copies.</>
              )}
            </Text>
          </Stack>
        </Group>
        <Button
          component={Link}
          to={portalPaths.documents(practice.slug)}
          size="md"
          rightSection={<IconArrowRight size={18} aria-hidden />}
          w={{ base: '100%', xs: 'auto' }}
        >
          Open documents
        </Button>
      </Group>
    </Paper>
  );
}
