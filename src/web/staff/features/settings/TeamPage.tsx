import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { StaffRole } from '../../../../shared/schemas/auth.js';
import type { TeamInvitation, TeamMember } from '../../../../shared/schemas/team.js';
import { formatDate, formatDateTime } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../../common/session.js';
import { InviteMemberDialog } from './InviteMemberDialog.js';
import { SettingsFrame, SettingsLoading } from './SettingsFrame.js';
import { RolesField, roleList } from './team-roles.js';
import { useResetMemberTwoFactor } from './two-factor.queries.js';
import {
  useDeactivateMember,
  useReactivateMember,
  useResendInvitation,
  useRevokeInvitation,
  useSetMemberRoles,
  useTeam,
} from './team.queries.js';

const rowStyle = { borderTop: '1px solid var(--mantine-color-gray-2)' };

/** Settings → Team (owners): who works here, with which roles, and the invitations still open. */
export function TeamPage() {
  const team = useTeam();
  const [inviting, setInviting] = useState(false);
  return (
    <SettingsFrame
      title="Team"
      description="Who works in your practice and what each person can do. Invite people by email; roles combine."
    >
      <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="sm">
            <div style={{ minWidth: 0, flex: '1 1 260px' }}>
              <Title order={2} size="h3">
                Team members
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                Deactivated members are signed out and cannot sign in; their clients, messages and history stay.
              </Text>
            </div>
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviting(true)}>
              Invite team member
            </Button>
          </Group>
          {team.data ? (
            <Stack
              gap={0}
              component="ul"
              aria-label="Team members"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {team.data.members.map((member) => (
                <MemberRow key={member.id} member={member} />
              ))}
              {team.data.invitations.map((invitation) => (
                <InvitationRow key={invitation.id} invitation={invitation} />
              ))}
            </Stack>
          ) : (
            <SettingsLoading error={team.error} label="Loading the team" />
          )}
        </Stack>
      </Paper>
      <InviteMemberDialog opened={inviting} onClose={() => setInviting(false)} />
    </SettingsFrame>
  );
}

const statusBadge = {
  active: { label: 'Active', color: 'portico' },
  deactivated: { label: 'Deactivated', color: 'gray' },
  invited: { label: 'Invited', color: 'blue' },
} as const;

function StatusBadge({ status }: { status: keyof typeof statusBadge }) {
  const { label, color } = statusBadge[status];
  return (
    <Badge size="sm" variant="light" color={color}>
      {label}
    </Badge>
  );
}

/** Name, badges and details on the left; the row's actions on the right (below on a phone). */
function Row({
  name,
  badges,
  details,
  actions,
  label,
}: {
  name: string;
  badges: React.ReactNode;
  details: React.ReactNode;
  actions: React.ReactNode;
  label: string;
}) {
  return (
    <Group component="li" aria-label={label} justify="space-between" gap="sm" py="sm" style={rowStyle}>
      <Stack gap={2} miw={0} style={{ flex: '1 1 280px' }}>
        <Group gap="xs">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          {badges}
        </Group>
        {details}
      </Stack>
      <Group gap="xs" wrap="wrap">
        {actions}
      </Group>
    </Group>
  );
}

function MemberRow({ member }: { member: TeamMember }) {
  const { practice } = useSignedIn();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [resetting, setResetting] = useState(false);
  const reactivate = useReactivateMember();
  return (
    <Row
      label={member.name}
      name={member.name}
      badges={
        <>
          <StatusBadge status={member.status} />
          <Badge size="sm" variant="outline" color={member.twoFactor ? 'portico' : 'gray'}>
            Two-factor {member.twoFactor ? 'on' : 'off'}
          </Badge>
          {member.you ? (
            <Badge size="sm" variant="outline" color="gray">
              You
            </Badge>
          ) : null}
        </>
      }
      details={
        <>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {member.email}
          </Text>
          <Text size="xs" c="dimmed">
            {roleList(member.roles)} ·{' '}
            {member.lastSignInAt
              ? `Last sign-in ${formatDateTime(member.lastSignInAt, practice.timeZone)}`
              : 'Never signed in'}
          </Text>
          {reactivate.error ? <ErrorAlert error={reactivate.error} title="Could not reactivate" /> : null}
        </>
      }
      actions={
        <>
          <Button
            size="xs"
            variant="default"
            onClick={() => setEditing(true)}
            aria-label={`Change roles of ${member.name}`}
          >
            Change roles
          </Button>
          {member.twoFactor && !member.you ? (
            <Button
              size="xs"
              variant="default"
              onClick={() => setResetting(true)}
              aria-label={`Reset two-factor of ${member.name}`}
            >
              Reset two-factor
            </Button>
          ) : null}
          {member.status === 'active' ? (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setConfirming(true)}
              aria-label={`Deactivate ${member.name}`}
            >
              Deactivate
            </Button>
          ) : (
            <Button
              size="xs"
              variant="subtle"
              loading={reactivate.isPending}
              onClick={() => reactivate.mutate(member.id)}
              aria-label={`Reactivate ${member.name}`}
            >
              Reactivate
            </Button>
          )}
          <RolesDialog member={member} opened={editing} onClose={() => setEditing(false)} />
          <DeactivateDialog member={member} opened={confirming} onClose={() => setConfirming(false)} />
          <ResetTwoFactorDialog member={member} opened={resetting} onClose={() => setResetting(false)} />
        </>
      }
    />
  );
}

function RolesDialog({ member, opened, onClose }: { member: TeamMember; opened: boolean; onClose: () => void }) {
  const [roles, setRoles] = useState<StaffRole[]>(member.roles);
  const save = useSetMemberRoles();
  const close = () => {
    setRoles(member.roles);
    save.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Roles of ${member.name}`} centered>
      <Stack gap="md">
        <ErrorAlert error={save.error} title="Could not change the roles" />
        <RolesField
          value={roles}
          onChange={setRoles}
          error={roles.length === 0 ? 'Choose at least one role' : undefined}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={roles.length === 0}
            loading={save.isPending}
            onClick={() => save.mutate({ id: member.id, roles }, { onSuccess: () => onClose() })}
          >
            Save roles
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The part of a member mutation (deactivate, reset two-factor) that the confirming dialog drives. */
interface MemberAction {
  mutate: (memberId: string, options: { onSuccess: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: Error | null;
}

/**
 * Asks before an owner does something to a member that signs them out or weakens their sign-in
 * (deactivating, resetting two-factor), then says what happened.
 */
function ConfirmMemberDialog({
  member,
  opened,
  onClose,
  action,
  title,
  errorTitle,
  confirmLabel,
  done,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  member: TeamMember;
  action: MemberAction;
  title: string;
  errorTitle: string;
  confirmLabel: string;
  done: { title: string; message: string };
  children: ReactNode;
}) {
  const close = () => {
    action.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <Stack gap="md">
        <ErrorAlert error={action.error} title={errorTitle} />
        <Text size="sm">{children}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={action.isPending}
            onClick={() =>
              action.mutate(member.id, {
                onSuccess: () => {
                  notifications.show({ color: 'portico', ...done });
                  onClose();
                },
              })
            }
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeactivateDialog({ member, opened, onClose }: { member: TeamMember; opened: boolean; onClose: () => void }) {
  const { practice } = useSignedIn();
  return (
    <ConfirmMemberDialog
      member={member}
      opened={opened}
      onClose={onClose}
      action={useDeactivateMember()}
      title={`Deactivate ${member.name}?`}
      errorTitle="Could not deactivate"
      confirmLabel="Deactivate"
      done={{ title: 'Deactivated', message: `${member.name} was signed out.` }}
    >
      {member.name} is signed out of {practice.name} at once and cannot sign in to it until reactivated. Their clients,
      messages and history stay as they are.
    </ConfirmMemberDialog>
  );
}

/**
 * An owner turns a member's two-factor off (a lost phone and backup codes). They keep their
 * sessions; where the practice requires two-factor, their next sign-in takes them to set it up.
 */
function ResetTwoFactorDialog({
  member,
  opened,
  onClose,
}: {
  member: TeamMember;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <ConfirmMemberDialog
      member={member}
      opened={opened}
      onClose={onClose}
      action={useResetMemberTwoFactor()}
      title={`Reset two-factor of ${member.name}?`}
      errorTitle="Could not reset two-factor"
      confirmLabel="Reset two-factor"
      done={{
        title: 'Two-factor reset',
        message: `${member.name} signs in with their password and sets up two-factor again.`,
      }}
    >
      Do this when {member.name} has lost their phone and their backup codes. Their authenticator app and backup codes
      stop working, and their password alone signs them in until they set up two-factor again (at once, if your practice
      requires it). Make sure it is really them who asked.
    </ConfirmMemberDialog>
  );
}

function InvitationRow({ invitation }: { invitation: TeamInvitation }) {
  const { practice } = useSignedIn();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  return (
    <Row
      label={invitation.name}
      name={invitation.name}
      badges={
        <>
          <StatusBadge status="invited" />
          {invitation.expired ? (
            <Badge size="sm" variant="light" color="orange">
              Link expired
            </Badge>
          ) : null}
        </>
      }
      details={
        <>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {invitation.email}
          </Text>
          <Text size="xs" c="dimmed">
            {roleList(invitation.roles)} · Sent {formatDate(invitation.sentAt, practice.timeZone)} ·{' '}
            {invitation.expired ? 'Expired' : 'Expires'} {formatDate(invitation.expiresAt, practice.timeZone)}
          </Text>
          <ErrorAlert error={resend.error ?? revoke.error} title="Could not change the invitation" />
        </>
      }
      actions={
        <>
          <Button
            size="xs"
            variant="default"
            loading={resend.isPending}
            aria-label={`Resend the invitation to ${invitation.name}`}
            onClick={() =>
              resend.mutate(invitation.id, {
                onSuccess: () =>
                  notifications.show({
                    color: 'portico',
                    title: 'Invitation sent again',
                    message: `A new link went to ${invitation.email}; the earlier one no longer works.`,
                  }),
              })
            }
          >
            Resend
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={revoke.isPending}
            aria-label={`Revoke the invitation to ${invitation.name}`}
            onClick={() => revoke.mutate(invitation.id)}
          >
            Revoke
          </Button>
        </>
      }
    />
  );
}
