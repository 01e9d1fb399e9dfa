import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { PortalAccessView, PortalPermissions } from '../../../../shared/schemas/portal-access.js';
import { api } from '../../../common/api.js';

export const portalKeys = {
  access: (clientId: string) => ['clients', 'portal', clientId] as const,
};

const POLL_MS = 5000;

const base = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}/portal`;

export function fetchPortalAccess(clientId: string, signal?: AbortSignal): Promise<PortalAccessView> {
  return api.get<PortalAccessView>(base(clientId), undefined, signal);
}

/** True while an email the tab lists still waits for the mail server. */
export function hasPendingDelivery(view: PortalAccessView | undefined): boolean {
  return view?.invitations.some((item) => item.delivery === 'queued' || item.delivery === 'sending') ?? false;
}

/** The Client Portal tab's data; polls while an invitation is on its way so its status updates. */
export function usePortalAccess(clientId: string) {
  return useQuery({
    queryKey: portalKeys.access(clientId),
    queryFn: ({ signal }) => fetchPortalAccess(clientId, signal),
    refetchInterval: (query) => (hasPendingDelivery(query.state.data) ? POLL_MS : false),
  });
}

/** The freshest view before a change that may affect portal access; null when it cannot be read. */
export async function loadPortalAccess(queryClient: QueryClient, clientId: string): Promise<PortalAccessView | null> {
  try {
    return await queryClient.query({
      queryKey: portalKeys.access(clientId),
      queryFn: ({ signal }) => fetchPortalAccess(clientId, signal),
      staleTime: 0,
    });
  } catch {
    return null;
  }
}

function useStoreView(clientId: string) {
  const queryClient = useQueryClient();
  return (view: PortalAccessView) => {
    queryClient.setQueryData(portalKeys.access(clientId), view);
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export interface SendInvitationInput {
  emailId: string;
  message: string;
}

export function useSendInvitation(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: (body: SendInvitationInput) => api.post<PortalAccessView>(`${base(clientId)}/invitations`, body),
    onSuccess: store,
  });
}

export function useDisableAndResend(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: (body: SendInvitationInput) =>
      api.post<PortalAccessView>(`${base(clientId)}/disable-and-resend`, body),
    onSuccess: store,
  });
}

export function useSavePermissions(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: (permissions: PortalPermissions) =>
      api.put<PortalAccessView>(`${base(clientId)}/permissions`, permissions),
    onSuccess: store,
  });
}

export function useDisableAccess(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: () => api.post<PortalAccessView>(`${base(clientId)}/disable`),
    onSuccess: store,
  });
}

export function useEmailSignInLink(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: () => api.post<PortalAccessView>(`${base(clientId)}/sign-in-link`),
    onSuccess: store,
  });
}

export interface SignInCode {
  code: string;
  expiresAt: string;
}

export function useGenerateSignInCode(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SignInCode>(`${base(clientId)}/sign-in-code`),
    // The code is audit-logged: the activity list reloads.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.access(clientId) }),
  });
}
