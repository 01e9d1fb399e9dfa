import { Anchor, Breadcrumbs, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { grantOf, mayDo } from '../../../../shared/permissions.js';
import { ForbiddenPage } from '../../common/ForbiddenPage.js';
import { useSignedIn } from '../../common/session.js';
import { CliniciansFields, type CliniciansState } from './CliniciansFields.js';
import { useClinicianOptions } from './clinicians.queries.js';
import { ApiError } from '../../../common/api.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { ShareOnCreateFields } from '../documents/index.js';
import { InviteOnCreate, useInviteOnCreate, type PortalInvitationBody } from '../portal-access/index.js';
import { emptyClientForm } from './client-form-state.js';
import { fullName } from '../../common/client-name.js';
import { ClientForm } from './ClientForm.js';
import { useCreateClient } from './clients.queries.js';

export function CreateClientPage() {
  usePageTitle('Create client');
  const navigate = useNavigate();
  const create = useCreateClient();
  const invite = useInviteOnCreate();
  const { staff } = useSignedIn();
  const mayAssign = mayDo(staff.roles, 'assign_clinicians');
  const mayInvite = grantOf(staff.roles, 'portal') !== 'none';
  // Documents go only with the invitation, and only from those who may share them.
  const mayShare = mayInvite && grantOf(staff.roles, 'documents') !== 'none';
  const options = useClinicianOptions(mayAssign);
  // An owner who is also a clinician starts as the primary clinician; a scheduler chooses.
  const [clinicians, setClinicians] = useState<CliniciansState>({
    primaryId: staff.roles.includes('clinician') ? staff.id : null,
    otherIds: [],
  });

  if (!mayDo(staff.roles, 'create_client')) return <ForbiddenPage />;

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={6}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} to="/clients" size="sm">
            Clients
          </Anchor>
          <Text size="sm" c="dimmed">
            Create client
          </Text>
        </Breadcrumbs>
        <Title order={1}>Create client</Title>
      </Stack>
      <ClientForm
        initial={emptyClientForm}
        submitLabel="Continue"
        pending={create.isPending}
        secondaryAction={
          <Button component={Link} to="/clients" variant="default">
            Cancel
          </Button>
        }
        extraSection={(context) => (
          <>
            <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
              <Stack gap="md">
                <Title order={2} size="h3">
                  Clinicians
                </Title>
                {mayAssign ? (
                  <CliniciansFields
                    options={options.data ?? []}
                    value={clinicians}
                    onChange={setClinicians}
                    errors={context.errors}
                    prefix="clinicians"
                    clearError={context.clearError}
                  />
                ) : (
                  <Text size="sm">
                    You will be this client’s primary clinician. An owner or a scheduler can add others.
                  </Text>
                )}
              </Stack>
            </Paper>
            {mayInvite ? (
              <InviteOnCreate {...context} invite={invite} sectionOrder={2}>
                {mayShare ? (
                  <ShareOnCreateFields
                    chosen={invite.state.templateIds}
                    onChosen={(templateIds) => invite.setState((previous) => ({ ...previous, templateIds }))}
                    dueDate={invite.state.dueDate}
                    onDueDate={(dueDate) => invite.setState((previous) => ({ ...previous, dueDate }))}
                    errors={context.errors}
                    clearError={context.clearError}
                  />
                ) : null}
              </InviteOnCreate>
            ) : null}
          </>
        )}
        onSubmit={async (input) => {
          if (mayAssign && !clinicians.primaryId) {
            throw new ApiError({
              status: 400,
              code: 'validation_failed',
              message: 'Some fields are not valid.',
              fields: [{ field: 'clinicians.primaryId', message: 'is required' }],
            });
          }
          const portalInvitation = mayInvite ? invite.portalInvitation(input.emails) : null;
          const client = await create.mutateAsync({
            ...input,
            portalInvitation,
            clinicians:
              mayAssign && clinicians.primaryId
                ? { primaryId: clinicians.primaryId, otherIds: clinicians.otherIds }
                : null,
          });
          notifications.show({
            color: 'portico',
            title: createdTitle(portalInvitation),
            message: fullName(client),
          });
          await navigate(`/clients/${client.id}`);
        }}
      />
    </Stack>
  );
}

function createdTitle(invitation: PortalInvitationBody | null): string {
  if (!invitation) return 'Client created';
  const count = invitation.documents?.templateIds.length ?? 0;
  if (count === 0) return 'Client created and invited to the Client Portal';
  return `Client created, invited to the Client Portal and ${count === 1 ? 'a document' : `${count} documents`} shared`;
}
