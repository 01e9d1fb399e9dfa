import { ActionIcon, Code, CopyButton, Group, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** The practice's portal address with a copy icon; "Copied" is also announced to screen readers. */
export function CopyPortalAddress({ url }: { url: string }) {
  return (
    <CopyButton value={url} timeout={2000}>
      {({ copied, copy }) => (
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Code
            fz="sm"
            px="sm"
            py={6}
            style={{ overflowWrap: 'anywhere', minWidth: 0, borderRadius: 'var(--mantine-radius-md)' }}
          >
            {url}
          </Code>
          <Tooltip label={copied ? 'Copied' : 'Copy portal address'} withArrow>
            <ActionIcon
              variant={copied ? 'light' : 'default'}
              color={copied ? 'portico' : 'gray'}
              size="lg"
              onClick={copy}
              aria-label="Copy portal address"
              style={{ flexShrink: 0 }}
            >
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
          <VisuallyHidden role="status">{copied ? 'Portal address copied' : ''}</VisuallyHidden>
        </Group>
      )}
    </CopyButton>
  );
}
