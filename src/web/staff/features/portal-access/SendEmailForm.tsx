import { Button, Group, Stack, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';

interface SendEmailFormProps {
  message: string;
  onMessageChange: (message: string) => void;
  messageError?: string;
  onSend: () => void;
  pending: boolean;
  disabled: boolean;
}

/** "Message" and "Send email": the welcome email with a sign-in link. */
export function SendEmailForm({
  message,
  onMessageChange,
  messageError,
  onSend,
  pending,
  disabled,
}: SendEmailFormProps) {
  return (
    <Stack gap="sm">
      <Textarea
        label="Message"
        description="Shown above the sign-in link in the email."
        autosize
        minRows={4}
        maxRows={12}
        maxLength={2000}
        value={message}
        onChange={(event) => onMessageChange(event.currentTarget.value)}
        error={messageError}
      />
      <Group>
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={onSend} loading={pending} disabled={disabled}>
          Send email
        </Button>
      </Group>
    </Stack>
  );
}
