import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { schedulingSetupApi } from '../../../../shared/contract/scheduling.js';
import type { LocationInput, ServiceInput } from '../../../../shared/schemas/scheduling.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

/** Services, locations and clinicians: Settings → Services and the calendar's booking form. */
export const schedulingSetupKey = [...areaKeys.settings, 'scheduling'] as const;

export function useSchedulingSetup() {
  return useQuery({
    queryKey: schedulingSetupKey,
    queryFn: ({ signal }) => call(schedulingSetupApi.get, { signal }),
  });
}

function useSetupChange<V, R>(change: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: schedulingSetupKey });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

export function useSaveService() {
  return useSetupChange(({ id, body }: { id: string | null; body: ServiceInput }) =>
    id
      ? call(schedulingSetupApi.updateService, { params: { id }, body })
      : call(schedulingSetupApi.createService, { body }),
  );
}

export function useArchiveService() {
  return useSetupChange(({ id, archived }: { id: string; archived: boolean }) =>
    call(archived ? schedulingSetupApi.archiveService : schedulingSetupApi.restoreService, { params: { id } }),
  );
}

export function useSaveLocation() {
  return useSetupChange(({ id, body }: { id: string | null; body: LocationInput }) =>
    id
      ? call(schedulingSetupApi.updateLocation, { params: { id }, body })
      : call(schedulingSetupApi.createLocation, { body }),
  );
}

export function useArchiveLocation() {
  return useSetupChange(({ id, archived }: { id: string; archived: boolean }) =>
    call(archived ? schedulingSetupApi.archiveLocation : schedulingSetupApi.restoreLocation, { params: { id } }),
  );
}
