import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { availabilityApi } from '../../../../shared/contract/availability.js';
import type { RequestSettings } from '../../../../shared/schemas/availability.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

/** Settings → Client Portal → Request settings. */
export const requestSettingsKey = [...areaKeys.settings, 'appointment-requests'] as const;

export function useRequestSettings() {
  return useQuery({
    queryKey: requestSettingsKey,
    queryFn: ({ signal }) => call(availabilityApi.requestSettings, { signal }),
  });
}

export function useSaveRequestSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestSettings) => call(availabilityApi.saveRequestSettings, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(requestSettingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}
