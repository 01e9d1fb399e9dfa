import { Checkbox, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { CreateClientBody } from '../../../../shared/schemas/clients.js';
import { sentence, type FieldErrorMap } from '../../../common/field-errors.js';
import { usePortalSettings } from '../settings/index.js';

export interface InviteOnCreateState {
  invite: boolean;
  /** null until edited: the practice's welcome message is used. */
  message: string | null;
  /** Documents shared with the invitation, in order (none: the invitation alone). */
  templateIds: string[];
  /** YYYY-MM-DD, or '' for no due date. */
  dueDate: string;
}

export type PortalInvitationBody = NonNullable<CreateClientBody['portalInvitation']>;

/** The Create client page's invitation choice and the `portalInvitation` it sends. */
export function useInviteOnCreate() {
  const settings = usePortalSettings();
  const [state, setState] = useState<InviteOnCreateState>({
    invite: true,
    message: null,
    templateIds: [],
    dueDate: '',
  });
  const message = state.message ?? settings.data?.welcomeMessage ?? '';
  const portalEnabled = settings.data?.enabled ?? true;
  const portalInvitation = (emails: readonly { emailOk: boolean }[]): PortalInvitationBody | null => {
    if (!state.invite || !emails.some((e) => e.emailOk)) return null;
    const documents =
      portalEnabled && state.templateIds.length > 0
        ? { templateIds: state.templateIds, dueDate: state.dueDate || null }
        : null;
    return { message, documents };
  };
  return { state, setState, message, portalEnabled, portalInvitation };
}

interface InviteOnCreateProps {
  /** The emails as the client form holds them now: the section shows once one has Email OK on. */
  emails: readonly { emailOk: boolean }[];
  /** The client form's field errors, and how to clear one as its field changes. */
  errors: FieldErrorMap;
  clearError: (field: string) => void;
  invite: ReturnType<typeof useInviteOnCreate>;
  sectionOrder: 2 | 3;
  /** What may go with the invitation (documents to share), shown while inviting is chosen. */
  children?: ReactNode;
}

/** "Invite to the Client Portal", offered once an email has Email OK on. */
export function InviteOnCreate({ emails, errors, clearError, invite, sectionOrder, children }: InviteOnCreateProps) {
  if (!emails.some((e) => e.emailOk)) return null;
  const { state, setState, message, portalEnabled } = invite;
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={sectionOrder} size="h3">
            Client Portal
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            The welcome email goes to the primary email when it has Email OK on, otherwise to the first email that has.
          </Text>
        </div>
        <Checkbox
          label="Invite to the Client Portal"
          description={
            portalEnabled
              ? 'Send a welcome email with a sign-in link when the client is saved.'
              : 'The Client Portal is turned off for your practice, so no invitation can be sent now.'
          }
          checked={state.invite}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setState((previous) => ({ ...previous, invite: checked }));
            clearError('portalInvitation');
          }}
          error={sentence(errors.portalInvitation)}
        />
        {state.invite ? (
          <Textarea
            label="Welcome message"
            description="Shown above the sign-in link. Your practice’s default, editable for this client."
            autosize
            minRows={4}
            maxRows={12}
            maxLength={2000}
            value={message}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setState((previous) => ({ ...previous, message: value }));
              clearError('portalInvitation.message');
            }}
            error={sentence(errors['portalInvitation.message'])}
          />
        ) : null}
        {state.invite && portalEnabled ? children : null}
      </Stack>
    </Paper>
  );
}
