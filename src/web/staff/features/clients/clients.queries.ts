import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clientsApi } from '../../../../shared/contract/clients.js';
import type {
  Client,
  ClientListQuery,
  CreateClientBody,
  UpdateClientBody,
} from '../../../../shared/schemas/clients.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const clientKeys = {
  all: areaKeys.clients,
  lists: [...areaKeys.clients, 'list'] as const,
  list: (query: ClientListQuery) => [...areaKeys.clients, 'list', query] as const,
  picker: (q: string) => [...areaKeys.clients, 'list', 'picker', q] as const,
  detail: (id: string) => [...areaKeys.clients, 'detail', id] as const,
};

export function useClientList(query: ClientListQuery) {
  return useQuery({
    queryKey: clientKeys.list(query),
    queryFn: ({ signal }) => call(clientsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Active clients found by what was typed (the server searches by word, ignoring accents), for pickers. */
export function useClientPicker(q: string) {
  return useQuery({
    queryKey: clientKeys.picker(q),
    queryFn: ({ signal }) =>
      call(clientsApi.list, {
        query: { q: q || undefined, sort: 'name', status: 'active', page: 1, pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({
    queryKey: clientKeys.detail(id),
    queryFn: ({ signal }) => call(clientsApi.get, { params: { id }, signal }),
  });
}

/** After any change: the profile gets the server's answer, lists and activity reload. */
function useStoreClient() {
  const queryClient = useQueryClient();
  return (client: Client) => {
    queryClient.setQueryData(clientKeys.detail(client.id), client);
    void queryClient.invalidateQueries({ queryKey: clientKeys.lists });
    void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
  };
}

export function useCreateClient() {
  const store = useStoreClient();
  return useMutation({
    mutationFn: (body: CreateClientBody) => call(clientsApi.create, { body }),
    onSuccess: store,
  });
}

export function useUpdateClient(id: string) {
  const store = useStoreClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateClientBody) => call(clientsApi.update, { params: { id }, body }),
    onSuccess: (client) => {
      store(client);
      // Eligible emails and the portal email may have changed.
      void queryClient.invalidateQueries({ queryKey: areaKeys.portalAccess });
    },
  });
}

export function useArchiveClient(id: string) {
  const store = useStoreClient();
  return useMutation({
    mutationFn: (action: 'archive' | 'restore') => call(clientsApi[action], { params: { id } }),
    onSuccess: store,
  });
}
