import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountApi } from '../../../../shared/contract/account.js';
import { practiceApi } from '../../../../shared/contract/practice.js';
import type { PortalSettingsBody } from '../../../../shared/schemas/portal-access.js';
import type {
  EmailChangeBody,
  MyAccount,
  PasswordChangeBody,
  PracticeProfile,
  PracticeProfileBody,
} from '../../../../shared/schemas/settings.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';
import { sessionKey } from '../../common/session.js';

export const settingsKeys = {
  portal: [...areaKeys.settings, 'portal'] as const,
  profile: [...areaKeys.settings, 'profile'] as const,
  account: [...areaKeys.settings, 'account'] as const,
  sessions: [...areaKeys.settings, 'sessions'] as const,
};

/** The practice's Client Portal settings (every staff member may read them; owners change them). */
export function usePortalSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: settingsKeys.portal,
    queryFn: ({ signal }) => call(practiceApi.portalSettings, { signal }),
    enabled: options.enabled ?? true,
  });
}

export function useSavePortalSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalSettingsBody) => call(practiceApi.updatePortalSettings, { body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.portal, settings);
      // Every client's Client Portal tab shows whether the practice portal is on.
      void queryClient.invalidateQueries({ queryKey: areaKeys.portalAccess });
      // Whether staff can send to each client depends on the portal and messaging switches.
      void queryClient.invalidateQueries({ queryKey: areaKeys.messages });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

/** Settings → Practice profile: every staff member may read it; the owner changes it. */
export function usePracticeProfile() {
  return useQuery({
    queryKey: settingsKeys.profile,
    queryFn: ({ signal }) => call(practiceApi.profile, { signal }),
  });
}

/** A saved profile also renames the practice in the header and moves the portal address. */
function useProfileSaved() {
  const queryClient = useQueryClient();
  return (profile: PracticeProfile) => {
    queryClient.setQueryData(settingsKeys.profile, profile);
    void queryClient.invalidateQueries({ queryKey: sessionKey });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.portal });
    void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
  };
}

export function useSavePracticeProfile() {
  const saved = useProfileSaved();
  return useMutation({
    mutationFn: (body: PracticeProfileBody) => call(practiceApi.updateProfile, { body }),
    onSuccess: saved,
  });
}

export function useUploadLogo() {
  const saved = useProfileSaved();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('logo', file);
      return call(practiceApi.uploadLogo, { body });
    },
    onSuccess: saved,
  });
}

export function useRemoveLogo() {
  const saved = useProfileSaved();
  return useMutation({ mutationFn: () => call(practiceApi.removeLogo, { body: {} }), onSuccess: saved });
}

/** Settings → My account: the signed-in staff member's own account. */
export function useMyAccount() {
  return useQuery({ queryKey: settingsKeys.account, queryFn: ({ signal }) => call(accountApi.get, { signal }) });
}

function useAccountSaved() {
  const queryClient = useQueryClient();
  return (account: MyAccount) => {
    queryClient.setQueryData(settingsKeys.account, account);
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  };
}

export function useSaveName() {
  const saved = useAccountSaved();
  return useMutation({
    mutationFn: (name: string) => call(accountApi.updateName, { body: { name } }),
    onSuccess: saved,
  });
}

export function useRequestEmailChange() {
  const saved = useAccountSaved();
  return useMutation({
    mutationFn: (body: EmailChangeBody) => call(accountApi.requestEmailChange, { body }),
    onSuccess: saved,
  });
}

export function useCancelEmailChange() {
  const saved = useAccountSaved();
  return useMutation({ mutationFn: () => call(accountApi.cancelEmailChange, { body: {} }), onSuccess: saved });
}

/** Used from the emailed link; the session (if any) shows the new email afterwards. */
export function useConfirmEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => call(accountApi.confirmEmail, { body: { token } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.account });
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChangeBody) => call(accountApi.changePassword, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKeys.sessions }),
  });
}

export function useMySessions() {
  return useQuery({
    queryKey: settingsKeys.sessions,
    queryFn: ({ signal }) => call(accountApi.sessions, { signal }),
  });
}

export function useSignOutSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(accountApi.signOutSession, { params: { id }, body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKeys.sessions }),
  });
}

export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(accountApi.signOutEverywhere, { body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKeys.sessions }),
  });
}
