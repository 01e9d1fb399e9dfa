import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { portalAccessApi } from '../../../../shared/contract/portal-access.js';
import type {
  PortalAccessView,
  PortalPermissions,
  SendInvitationBody,
} from '../../../../shared/schemas/portal-access.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const portalAccessKeys = {
  all: areaKeys.portalAccess,
  client: (clientId: string) => [...areaKeys.portalAccess, clientId] as const,
};

const POLL_MS = 5000;

function fetchPortalAccess(clientId: string, signal?: AbortSignal): Promise<PortalAccessView> {
  return call(portalAccessApi.get, { params: { id: clientId }, signal });
}

/** True while an email the tab lists still waits for the mail server. */
export function hasPendingDelivery(view: PortalAccessView | undefined): boolean {
  return view?.invitations.some((item) => item.delivery === 'queued' || item.delivery === 'sending') ?? false;
}

/** The Client Portal tab's data; polls while an invitation is on its way so its status updates. */
export function usePortalAccess(clientId: string) {
  return useQuery({
    queryKey: portalAccessKeys.client(clientId),
    queryFn: ({ signal }) => fetchPortalAccess(clientId, signal),
    refetchInterval: (query) => (hasPendingDelivery(query.state.data) ? POLL_MS : false),
  });
}

/** Loads the freshest view before a change that may affect portal access; null when it cannot be read. */
export function useLoadPortalAccess(clientId: string): () => Promise<PortalAccessView | null> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      return await queryClient.query({
        queryKey: portalAccessKeys.client(clientId),
        queryFn: ({ signal }) => fetchPortalAccess(clientId, signal),
        staleTime: 0,
      });
    } catch {
      return null;
    }
  };
}

function useStoreView(clientId: string) {
  const queryClient = useQueryClient();
  return (view: PortalAccessView) => {
    queryClient.setQueryData(portalAccessKeys.client(clientId), view);
    void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
  };
}

export function useSendInvitation(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: (body: SendInvitationBody) => call(portalAccessApi.invite, { params: { id: clientId }, body }),
    onSuccess: store,
  });
}

export function useDisableAndResend(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: (body: SendInvitationBody) =>
      call(portalAccessApi.disableAndResend, { params: { id: clientId }, body }),
    onSuccess: store,
  });
}

export function useSavePermissions(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: (body: PortalPermissions) => call(portalAccessApi.savePermissions, { params: { id: clientId }, body }),
    onSuccess: store,
  });
}

export function useDisableAccess(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: () => call(portalAccessApi.disable, { params: { id: clientId } }),
    onSuccess: store,
  });
}

export function useEmailSignInLink(clientId: string) {
  const store = useStoreView(clientId);
  return useMutation({
    mutationFn: () => call(portalAccessApi.emailSignInLink, { params: { id: clientId } }),
    onSuccess: store,
  });
}

export function useGenerateSignInCode(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(portalAccessApi.signInCode, { params: { id: clientId } }),
    // The code is audit-logged: the activity list reloads.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalAccessKeys.client(clientId) }),
  });
}
