import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Client,
  ClientList,
  ClientListQuery,
  CreateClientBody,
  UpdateClientBody,
} from '../../../../shared/schemas/clients.js';
import { api } from '../../../common/api.js';

export const clientKeys = {
  all: ['clients'] as const,
  list: (query: ClientListQuery) => ['clients', 'list', query] as const,
  detail: (id: string) => ['clients', 'detail', id] as const,
};

export function useClientList(query: ClientListQuery) {
  return useQuery({
    queryKey: clientKeys.list(query),
    queryFn: ({ signal }) =>
      api.get<ClientList>(
        '/api/clients',
        { q: query.q, sort: query.sort, status: query.status, page: query.page, pageSize: query.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({
    queryKey: clientKeys.detail(id),
    queryFn: ({ signal }) => api.get<Client>(`/api/clients/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** After any change: the profile gets the server's answer, lists and activity reload. */
function useStoreClient() {
  const queryClient = useQueryClient();
  return (client: Client) => {
    queryClient.setQueryData(clientKeys.detail(client.id), client);
    void queryClient.invalidateQueries({ queryKey: ['clients', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateClient() {
  const store = useStoreClient();
  return useMutation({
    mutationFn: (input: CreateClientBody) => api.post<Client>('/api/clients', input),
    onSuccess: store,
  });
}

export function useUpdateClient(id: string) {
  const store = useStoreClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateClientBody) => api.put<Client>(`/api/clients/${encodeURIComponent(id)}`, input),
    onSuccess: (client) => {
      store(client);
      // Eligible emails and the portal email may have changed.
      void queryClient.invalidateQueries({ queryKey: ['clients', 'portal', client.id] });
    },
  });
}

export function useArchiveClient(id: string) {
  const store = useStoreClient();
  return useMutation({
    mutationFn: (action: 'archive' | 'restore') =>
      api.post<Client>(`/api/clients/${encodeURIComponent(id)}/${action}`),
    onSuccess: store,
  });
}
