import './messages.css';
import { Button, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { keptDraft } from '../../../common/messaging/kept-draft.js';
import { MessageComposer } from '../../../common/messaging/MessageComposer.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { useSignedIn } from '../../common/session.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { isMessagingOff } from './messages.queries.js';
import { useConversation, useMarkRead, useSendMessage } from './use-conversation.js';
import { MessageLog } from './MessageLog.js';
import { MessagingUnavailable } from './MessagingUnavailable.js';

/** Messages: the client's conversation with the practice, and the composer below it. */
export function MessagesPage() {
  const me = useSignedIn();
  usePortalTitle('Messages', me.practice.name);
  if (!me.permissions.messaging) return <MessagingUnavailable practice={me.practice} />;
  return <Conversation practice={me.practice} clientId={me.client.id} />;
}

function Conversation({ practice, clientId }: { practice: { name: string; slug: string }; clientId: string }) {
  const { slug } = practice;
  // Kept in this browser for this client of this practice until sent or discarded: a page that
  // leaves (portal switched off, access disabled, session over) loses no text.
  const keep = keptDraft(`portico.portal.draft.${slug}.${clientId}`);
  const { query, messages } = useConversation(slug);
  const send = useSendMessage(slug);
  useMarkRead(slug, messages);

  // Switched off since `me` was loaded: the portal refetches `me` (query-client.ts) meanwhile.
  if (query.error && isMessagingOff(query.error)) return <MessagingUnavailable practice={practice} />;

  return (
    <div className="portal-chat">
      <Stack gap={2} className="portal-chat-heading">
        <PageHeading focusOnMount>Messages</PageHeading>
        <Text size="sm" c="dimmed" className="portal-break">
          Your private conversation with <bdi>{practice.name}</bdi>
        </Text>
      </Stack>
      <div className="portal-chat-panel">
        {query.error && !query.data ? (
          <Stack className="portal-log" align="center" justify="center" p="lg" ta="center" role="alert">
            <Text fw={600}>Your messages could not be loaded.</Text>
            <Text size="sm" c="dimmed">
              {errorMessage(query.error)}
            </Text>
            <Button variant="default" loading={query.isFetching} onClick={() => void query.refetch()}>
              Try again
            </Button>
          </Stack>
        ) : (
          <MessageLog
            slug={slug}
            practiceName={practice.name}
            messages={messages}
            loading={query.isPending}
            hasOlder={query.hasNextPage}
            loadingOlder={query.isFetchingNextPage}
            onLoadOlder={() => void query.fetchNextPage()}
          />
        )}
        <MessageComposer
          send={send}
          recipientName={practice.name}
          draftKey={slug}
          keep={keep}
          labels={{ notSent: 'Your message was not sent' }}
          variant="chat"
          className="portal-composer"
        />
      </div>
    </div>
  );
}
