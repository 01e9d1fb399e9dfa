import { Anchor, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import { messagingApi } from '../../../../shared/contract/messaging.js';
import type { Message, MessageAttachment } from '../../../../shared/schemas/messages.js';
import { urlOf } from '../../../common/api.js';
import { formatDateTime } from '../../../common/dates.js';
import { formatBytes } from '../../../common/messaging/attachment-rules.js';
import { MessageText } from '../../../common/messaging/MessageText.js';

function AttachmentLink({ attachment }: { attachment: MessageAttachment }) {
  const Icon = attachment.contentType === 'application/pdf' ? IconFileTypePdf : IconPhoto;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Icon size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        <Anchor
          href={urlOf(messagingApi.attachment, { id: attachment.id })}
          download={attachment.fileName}
          inherit
          fw={500}
        >
          <bdi>{attachment.fileName}</bdi>
        </Anchor>{' '}
        <Text span size="xs" c="dimmed">
          ({formatBytes(attachment.sizeBytes)})
        </Text>
      </Text>
    </Group>
  );
}

interface MessageBubbleProps {
  message: Message;
  timeZone: string;
  /** Under the newest staff message the client has read. */
  showRead: boolean;
}

/** One message: the practice's on the right, the client's on the left. */
export function MessageBubble({ message, timeZone, showRead }: MessageBubbleProps) {
  const fromStaff = message.sender === 'staff';
  return (
    <Box
      component="li"
      style={{ display: 'flex', flexDirection: 'column', alignItems: fromStaff ? 'flex-end' : 'flex-start' }}
    >
      <Stack gap={4} maw="min(85%, 560px)" miw={0} align={fromStaff ? 'flex-end' : 'flex-start'}>
        <Text size="xs" c="dimmed" ta={fromStaff ? 'right' : 'left'} maw="100%" style={{ overflowWrap: 'anywhere' }}>
          <Text span inherit fw={600} c="dark.6">
            <bdi>{message.senderName}</bdi>
          </Text>
          {fromStaff ? ' (practice)' : ' (client)'} ·{' '}
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, timeZone)}</time>
        </Text>
        <Paper
          px="md"
          py="sm"
          radius="lg"
          withBorder={!fromStaff}
          bg={fromStaff ? 'portico.0' : 'white'}
          style={{
            borderTopRightRadius: fromStaff ? 4 : undefined,
            borderTopLeftRadius: fromStaff ? undefined : 4,
            border: fromStaff ? '1px solid var(--mantine-color-portico-2)' : undefined,
            maxWidth: '100%',
          }}
        >
          <Stack gap="xs">
            {message.body ? (
              <Text size="sm" component="div">
                <MessageText text={message.body} />
              </Text>
            ) : null}
            {message.attachments.length > 0 ? (
              <Stack
                gap={4}
                component="ul"
                aria-label="Attachments"
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
              >
                {message.attachments.map((attachment) => (
                  <li key={attachment.id}>
                    <AttachmentLink attachment={attachment} />
                  </li>
                ))}
              </Stack>
            ) : null}
          </Stack>
        </Paper>
        {showRead && message.readAt ? (
          <Text size="xs" c="dimmed">
            Read <time dateTime={message.readAt}>{formatDateTime(message.readAt, timeZone)}</time>
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}
