import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { practiceApi } from '../../../../shared/contract/practice.js';
import type { PortalSettingsBody } from '../../../../shared/schemas/portal-access.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const settingsKeys = {
  portal: [...areaKeys.settings, 'portal'] as const,
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
