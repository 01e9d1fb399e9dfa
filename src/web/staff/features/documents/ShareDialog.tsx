import { Alert, Button, Group, Loader, Modal, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import type { Client } from '../../../../shared/schemas/clients.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../../common/session.js';
import { InvitationList, NotSignedInBanner, usePortalAccess } from '../portal-access/index.js';
import { useShareDocuments, useTemplates } from './documents.queries.js';
import { PacketPicker } from './PacketPicker.js';

type Step = 'choose' | 'email' | 'review' | 'done';

/**
 * Share: documents in order (a packet), an optional due date and message. A client without portal
 * access is invited in the same step — Continue to Email → Continue to Review → Share & Send Now —
 * and the dialog ends on the invitation's delivery, as the Client Portal tab shows it.
 */
export function ShareDialog({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { practice } = useSignedIn();
  const templates = useTemplates(false);
  const access = usePortalAccess(client.id);
  const share = useShareDocuments(client.id);
  const [step, setStep] = useState<Step>('choose');
  const [chosen, setChosen] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState('');
  const [message, setMessage] = useState('');
  const [emailId, setEmailId] = useState<string | null>(null);
  const [invitationMessage, setInvitationMessage] = useState<string | null>(null);

  const view = access.data;
  const needsInvite = view !== undefined && view.state !== 'active';
  const name = client.preferredName ?? client.firstName;
  const byId = new Map((templates.data ?? []).map((t) => [t.id, t]));
  const email =
    emailId ??
    view?.email?.id ??
    view?.eligibleEmails.find((e) => e.isPrimary)?.id ??
    view?.eligibleEmails[0]?.id ??
    null;
  const inviteText = invitationMessage ?? view?.defaultMessage ?? '';

  const close = () => {
    setStep('choose');
    setChosen([]);
    setDueDate('');
    setMessage('');
    share.reset();
    onClose();
  };
  const send = () =>
    share.mutate(
      {
        templateIds: chosen,
        dueDate: dueDate || null,
        message: message || null,
        invitation: needsInvite && email ? { emailId: email, message: inviteText } : null,
      },
      { onSuccess: () => setStep('done') },
    );

  const title = { choose: 'Share documents', email: 'Email', review: 'Review', done: 'Shared' }[step];
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" fullScreen={false}>
      {!view || !templates.data ? (
        <Group justify="center" py={32}>
          {access.error || templates.error ? (
            <ErrorAlert error={access.error ?? templates.error} />
          ) : (
            <Loader aria-label="Loading" />
          )}
        </Group>
      ) : null}
      {view && templates.data && step === 'choose' ? (
        <Stack gap="md">
          {needsInvite ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="Client Portal access">
              {name} does not have Client Portal access yet. Sharing documents also invites {name} to the portal.
            </Alert>
          ) : null}
          <PacketPicker templates={templates.data} chosen={chosen} onChange={setChosen} />
          <TextInput
            type="date"
            label="Due date (optional)"
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            w={220}
          />
          <Textarea
            label="Message (optional)"
            description={`Shown to ${name} with the documents in the portal.`}
            autosize
            minRows={2}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <ErrorAlert error={share.error} title="Could not share" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            {needsInvite ? (
              <Button disabled={chosen.length === 0} onClick={() => setStep('email')}>
                Continue to Email
              </Button>
            ) : (
              <Button disabled={chosen.length === 0} loading={share.isPending} onClick={send}>
                Share & Send Now
              </Button>
            )}
          </Group>
        </Stack>
      ) : null}
      {view && step === 'email' ? (
        <Stack gap="md">
          {view.eligibleEmails.length === 0 ? (
            <Alert color="yellow" variant="light" title="No email with consent">
              Add an email with Email OK on in Client Info before sharing with {name}.
            </Alert>
          ) : (
            <Select
              label="Send the invitation to"
              data={view.eligibleEmails.map((e) => ({ value: e.id, label: e.address }))}
              value={email}
              allowDeselect={false}
              onChange={setEmailId}
            />
          )}
          <Textarea
            label="Welcome message"
            autosize
            minRows={3}
            value={inviteText}
            onChange={(e) => setInvitationMessage(e.currentTarget.value)}
          />
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep('choose')}>
              Back
            </Button>
            <Button disabled={!email || inviteText.trim() === ''} onClick={() => setStep('review')}>
              Continue to Review
            </Button>
          </Group>
        </Stack>
      ) : null}
      {view && step === 'review' ? (
        <Stack gap="md">
          <Paper withBorder radius="md" p="md">
            <Stack gap="xs">
              <Text size="sm">
                <b>Documents:</b> {chosen.map((id) => byId.get(id)?.name).join(', ')}
              </Text>
              <Text size="sm">
                <b>Due:</b> {dueDate || 'No due date'}
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <b>Invitation to:</b> {view.eligibleEmails.find((e) => e.id === email)?.address}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <b>Welcome message:</b> {inviteText}
              </Text>
            </Stack>
          </Paper>
          <Text size="sm" c="dimmed">
            {name} gets the welcome email with a sign-in link, and finds the documents in the Client Portal.
          </Text>
          <ErrorAlert error={share.error} title="Could not share" />
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep('email')}>
              Back
            </Button>
            <Button loading={share.isPending} onClick={send}>
              Share & Send Now
            </Button>
          </Group>
        </Stack>
      ) : null}
      {view && step === 'done' ? (
        <Stack gap="md">
          <Text>
            Shared {chosen.length} {chosen.length === 1 ? 'document' : 'documents'} with {name}.
          </Text>
          {view.state === 'invited' ? (
            <>
              <NotSignedInBanner name={name} lastInvitedAt={view.lastInvitedAt} timeZone={practice.timeZone} />
              <InvitationList invitations={view.invitations.slice(0, 1)} timeZone={practice.timeZone} />
            </>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
