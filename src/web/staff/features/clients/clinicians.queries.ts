import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clientCliniciansApi } from '../../../../shared/contract/client-clinicians.js';
import type { ClinicianAssignment } from '../../../../shared/schemas/client-clinicians.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

const keys = {
  options: [...areaKeys.clients, 'clinician-options'] as const,
  of: (id: string) => [...areaKeys.clients, 'clinicians', id] as const,
};

/** The practice's clinicians, to choose a client's from. */
export function useClinicianOptions(enabled = true) {
  return useQuery({
    queryKey: keys.options,
    queryFn: ({ signal }) => call(clientCliniciansApi.options, { signal }),
    enabled,
  });
}

export function useClientClinicians(clientId: string) {
  return useQuery({
    queryKey: keys.of(clientId),
    queryFn: ({ signal }) => call(clientCliniciansApi.get, { params: { id: clientId }, signal }),
  });
}

/** Reassigns; the client's clinicians, the lists (a clinician's own) and the activity reload. */
export function useSetClientClinicians(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClinicianAssignment) => call(clientCliniciansApi.set, { params: { id: clientId }, body }),
    onSuccess: (answer) => {
      queryClient.setQueryData(keys.of(clientId), answer);
      void queryClient.invalidateQueries({ queryKey: [...areaKeys.clients, 'list'] });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}
