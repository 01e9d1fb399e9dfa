import { Group, Text } from '@mantine/core';
import { IconChecks, IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import { portalApi } from '../../../../shared/contract/portal.js';
import type { Message, MessageAttachment } from '../../../../shared/schemas/messages.js';
import { urlOf } from '../../../common/api.js';
import { formatBytes } from '../../../common/messaging/attachment-rules.js';
import { MessageText } from '../../../common/messaging/MessageText.js';
import { usePortalInfo } from '../../common/session.js';
import { fullLabel, timeLabel } from './message-time.js';

interface MessageBubbleProps {
  slug: string;
  message: Message;
  /** The newest of the client's own messages that the practice has read. */
  showRead: boolean;
  /** Follows a message from the same person moments before: the name and time are for screen readers only. */
  grouped: boolean;
}

/** One message: the client's own on the right ("You"), the practice's on the left with the staff member's name. */
export function MessageBubble({ slug, message, showRead, grouped }: MessageBubbleProps) {
  const own = message.sender === 'client';
  const { timeZone } = usePortalInfo().practice;
  return (
    <div className="portal-message" data-own={own || undefined} data-grouped={grouped || undefined}>
      <div className={grouped ? 'portal-sr-only' : 'portal-message-meta'}>
        <Text span size="xs" fw={650} c="dark.7" className="portal-break">
          {own ? 'You' : <bdi>{message.senderName}</bdi>}
        </Text>
        <Text span size="xs" c="dimmed">
          <time dateTime={message.createdAt} title={fullLabel(message.createdAt, timeZone)}>
            {timeLabel(message.createdAt, timeZone)}
          </time>
        </Text>
      </div>
      <div className="portal-message-bubble">
        {message.body ? (
          <Text size="md" component="div" c="dark.8">
            <MessageText text={message.body} />
          </Text>
        ) : null}
        {message.attachments.length > 0 ? (
          <ul className="portal-message-files" aria-label="Attachments">
            {message.attachments.map((attachment) => (
              <li key={attachment.id}>
                <AttachmentLink slug={slug} attachment={attachment} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {showRead ? (
        <Group gap={4} justify="flex-end" className="portal-message-read">
          <IconChecks size={14} aria-hidden color="var(--mantine-color-portico-8)" />
          <Text span size="xs" c="dimmed">
            Read
          </Text>
        </Group>
      ) : null}
    </div>
  );
}

function AttachmentLink({ slug, attachment }: { slug: string; attachment: MessageAttachment }) {
  const Icon = attachment.contentType === 'application/pdf' ? IconFileTypePdf : IconPhoto;
  return (
    <a
      className="portal-file-link"
      href={urlOf(portalApi.attachment, { slug, attachmentId: attachment.id })}
      download={attachment.fileName}
      aria-label={`Download ${attachment.fileName}, ${formatBytes(attachment.sizeBytes)}`}
    >
      <Icon size={22} stroke={1.6} aria-hidden className="portal-file-icon" />
      <span className="portal-file-text">
        <Text span size="sm" fw={600} className="portal-file-name">
          <bdi>{attachment.fileName}</bdi>
        </Text>
        <Text span size="xs" c="dimmed">
          {formatBytes(attachment.sizeBytes)}
        </Text>
      </span>
    </a>
  );
}
