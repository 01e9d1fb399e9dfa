import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invitationApi, teamApi } from '../../../../shared/contract/team.js';
import type { AcceptInvitationBody, InviteBody, Team } from '../../../../shared/schemas/team.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';
import { resetToSession } from '../../common/session.js';

export const teamKey = [...areaKeys.settings, 'team'] as const;

/** Settings → Team: the members and pending invitations (owners). */
export function useTeam() {
  return useQuery({ queryKey: teamKey, queryFn: ({ signal }) => call(teamApi.list, { signal }) });
}

/** Every team change answers the whole team, kept at once; the audit log has a new row. */
function useTeamChange<V>(change: (variables: V) => Promise<Team>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (team) => {
      queryClient.setQueryData(teamKey, team);
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

export function useInviteMember() {
  return useTeamChange((body: InviteBody) => call(teamApi.invite, { body }));
}

export function useResendInvitation() {
  return useTeamChange((id: string) => call(teamApi.resend, { params: { id } }));
}

export function useRevokeInvitation() {
  return useTeamChange((id: string) => call(teamApi.revoke, { params: { id } }));
}

export function useSetMemberRoles() {
  return useTeamChange(({ id, roles }: { id: string; roles: InviteBody['roles'] }) =>
    call(teamApi.setRoles, { params: { id }, body: { roles } }),
  );
}

export function useDeactivateMember() {
  return useTeamChange((id: string) => call(teamApi.deactivate, { params: { id } }));
}

export function useReactivateMember() {
  return useTeamChange((id: string) => call(teamApi.reactivate, { params: { id } }));
}

/** What an invitation link is for (asked once: the answer does not change while the page is open). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => call(invitationApi.preview, { body: { token }, signal }),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
}

/**
 * Accepts the invitation; the answer is the new session, which replaces whatever was cached, or
 * (an account with two-factor) the pending sign-in the sign-in page's code step takes.
 */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) => call(invitationApi.accept, { body }),
    onSuccess: (answer) => {
      if (!('codeRequired' in answer)) resetToSession(queryClient, answer);
    },
  });
}
