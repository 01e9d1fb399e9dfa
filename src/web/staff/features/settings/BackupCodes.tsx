import { Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';

/** Saves the codes as a text file, named so it can be found again. */
function download(codes: readonly string[], account: string): void {
  const text = [
    `Portico backup codes for ${account}`,
    'Each code signs you in once, in place of a code from your authenticator app.',
    '',
    ...codes,
    '',
  ].join('\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'portico-backup-codes.txt';
  link.click();
  URL.revokeObjectURL(url);
}

/** The ten backup codes, shown once, with Copy and Download. */
export function BackupCodes({ codes, account }: { codes: readonly string[]; account: string }) {
  return (
    <Stack gap="sm">
      <List
        aria-label="Backup codes"
        listStyleType="none"
        styles={{
          root: {
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(9.5rem, 1fr))',
            gap: '0.5rem',
            padding: 0,
          },
          item: { margin: 0 },
        }}
      >
        {codes.map((code) => (
          <List.Item key={code}>
            <Text ff="monospace" fw={600} size="md" bg="gray.0" px="sm" py={6} ta="center" style={{ borderRadius: 6 }}>
              {code}
            </Text>
          </List.Item>
        ))}
      </List>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() => download(codes, account)}
        >
          Download codes
        </Button>
      </Group>
    </Stack>
  );
}
