import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalPermissions, PortalSettings } from '../../../../shared/schemas/portal-access.js';
import { api } from '../../../common/api.js';

export const settingsKeys = {
  portal: ['settings', 'portal'] as const,
};

/** The practice's Client Portal settings (every staff member may read them; owners change them). */
export function usePortalSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: settingsKeys.portal,
    queryFn: ({ signal }) => api.get<PortalSettings>('/api/settings/portal', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

export interface PortalSettingsInput {
  enabled: boolean;
  defaults: PortalPermissions;
  welcomeMessage: string;
  /** Secure messaging for the whole practice. */
  messagingEnabled: boolean;
}

export function useSavePortalSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalSettingsInput) => api.put<PortalSettings>('/api/settings/portal', body),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.portal, settings);
      // Every client's tab shows whether the practice portal is on.
      void queryClient.invalidateQueries({ queryKey: ['clients', 'portal'] });
      // Whether staff can send to each client depends on the portal and messaging switches.
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
