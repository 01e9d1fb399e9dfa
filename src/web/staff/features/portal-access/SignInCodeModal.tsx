import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../../common/dates.js';
import type { SignInCode } from '../../../../shared/schemas/portal-access.js';

interface SignInCodeModalProps {
  code: SignInCode | null;
  timeZone: string;
  onClose: () => void;
}

/** Shows a freshly generated sign-in code once, large enough to read out on the phone. */
export function SignInCodeModal({ code, timeZone, onClose }: SignInCodeModalProps) {
  return (
    <Modal opened={code !== null} onClose={onClose} title="Sign-in code" centered>
      {code ? (
        <Stack gap="md">
          <Text size="sm">Read this code to the client. They enter it on the portal’s sign-in page.</Text>
          <Text
            component="div"
            ta="center"
            fw={700}
            ff="monospace"
            py="md"
            style={{
              fontSize: 'clamp(2.25rem, 10vw, 3rem)',
              letterSpacing: '0.12em',
              background: 'var(--mantine-color-gray-0)',
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-md)',
            }}
          >
            <span data-testid="sign-in-code">
              <span>{code.code.slice(0, 3)}</span>
              <span style={{ marginLeft: '0.5em' }}>{code.code.slice(3)}</span>
            </span>
          </Text>
          <Text size="sm">
            Valid until <time dateTime={code.expiresAt}>{formatDateTime(code.expiresAt, timeZone)}</time> (15 minutes),
            for one sign-in.
          </Text>
          <Text size="sm" c="dimmed">
            This code is shown only once. If it is lost, generate a new one.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
