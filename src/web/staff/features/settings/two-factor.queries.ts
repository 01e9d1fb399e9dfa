import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { twoFactorApi } from '../../../../shared/contract/two-factor.js';
import type {
  ConfirmTwoFactorBody,
  DisableTwoFactorBody,
  PracticeSecurityBody,
} from '../../../../shared/schemas/two-factor.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';
import { sessionKey } from '../../common/session.js';
import { teamKey } from './team.queries.js';

export const twoFactorKeys = {
  status: [...areaKeys.settings, 'two-factor'] as const,
  practice: [...areaKeys.settings, 'practice-security'] as const,
};

/** The signed-in person's two-factor: on or off, backup codes left, whether the practice requires it. */
export function useTwoFactorStatus() {
  return useQuery({
    queryKey: twoFactorKeys.status,
    queryFn: ({ signal }) => call(twoFactorApi.status, { signal }),
  });
}

/** A change to two-factor also changes the session state (`twoFactor`), the audit log and the practice's count. */
function useTwoFactorChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: twoFactorKeys.status });
    void queryClient.invalidateQueries({ queryKey: twoFactorKeys.practice });
    void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
  };
}

/** Starts set-up: a new secret, as a QR code and as text. */
export function useStartTwoFactor() {
  return useMutation({ mutationFn: () => call(twoFactorApi.setUp) });
}

/**
 * Confirms set-up with a code from the app; answers the backup codes. The session state is
 * refreshed when the person has saved them (`refreshSession`), not before: a set-up page would
 * otherwise leave before showing them.
 */
export function useConfirmTwoFactor() {
  const changed = useTwoFactorChanged();
  return useMutation({
    mutationFn: (body: ConfirmTwoFactorBody) => call(twoFactorApi.confirm, { body }),
    onSuccess: changed,
  });
}

export function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: sessionKey });
}

export function useNewBackupCodes() {
  const changed = useTwoFactorChanged();
  return useMutation({
    mutationFn: (body: ConfirmTwoFactorBody) => call(twoFactorApi.newBackupCodes, { body }),
    onSuccess: changed,
  });
}

export function useDisableTwoFactor() {
  const changed = useTwoFactorChanged();
  const refreshSession = useRefreshSession();
  return useMutation({
    mutationFn: (body: DisableTwoFactorBody) => call(twoFactorApi.disable, { body }),
    onSuccess: () => {
      changed();
      void refreshSession();
    },
  });
}

/** The practice's requirement (owners change it). */
export function usePracticeSecurity() {
  return useQuery({
    queryKey: twoFactorKeys.practice,
    queryFn: ({ signal }) => call(twoFactorApi.practiceSecurity, { signal }),
  });
}

export function useUpdatePracticeSecurity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PracticeSecurityBody) => call(twoFactorApi.updatePracticeSecurity, { body }),
    onSuccess: (security) => {
      queryClient.setQueryData(twoFactorKeys.practice, security);
      void queryClient.invalidateQueries({ queryKey: twoFactorKeys.status });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

/** An owner resets a member's two-factor (Settings → Team): the team list shows it off again. */
export function useResetMemberTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staffId: string) => call(twoFactorApi.resetMember, { params: { id: staffId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKey });
      void queryClient.invalidateQueries({ queryKey: twoFactorKeys.practice });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}
