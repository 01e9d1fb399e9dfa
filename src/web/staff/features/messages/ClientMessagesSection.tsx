import { Alert } from '@mantine/core';
import { useSignedIn } from '../../common/session.js';
import { useProfileClient } from '../../common/profile-client.js';
import { canUseMessaging, messagesForbiddenText } from './access.js';
import { ConversationView } from './ConversationView.js';

/** Client profile → Messages: the same conversation as on Messages. */
export function ClientMessagesSection() {
  const client = useProfileClient();
  const { staff } = useSignedIn();
  if (!canUseMessaging(staff.roles)) {
    return (
      <Alert color="gray" variant="light" title="Messages are not available to you">
        {messagesForbiddenText}
      </Alert>
    );
  }
  return <ConversationView key={client.id} clientId={client.id} title="Messages" />;
}
