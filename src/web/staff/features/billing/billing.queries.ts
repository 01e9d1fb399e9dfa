import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { billingApi } from '../../../../shared/contract/billing.js';
import type {
  BillingSettingsBody,
  BillingSetup,
  ClientBillingBody,
  ClinicianBillingBody,
} from '../../../../shared/schemas/billing.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const billingKeys = {
  setup: [...areaKeys.billing, 'setup'] as const,
  client: (clientId: string) => [...areaKeys.billing, 'client', clientId] as const,
};

/** Settings → Billing: the practice's billing settings and its clinicians' identities. */
export function useBillingSetup() {
  return useQuery({ queryKey: billingKeys.setup, queryFn: ({ signal }) => call(billingApi.setup, { signal }) });
}

export function useSaveBillingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BillingSettingsBody) => call(billingApi.updateSettings, { body }),
    onSuccess: (setup) => queryClient.setQueryData(billingKeys.setup, setup),
  });
}

export function useSaveClinicianBilling() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ staffId, body }: { staffId: string; body: ClinicianBillingBody }) =>
      call(billingApi.updateClinician, { params: { id: staffId }, body }),
    onSuccess: (saved) =>
      queryClient.setQueryData<BillingSetup>(billingKeys.setup, (setup) =>
        setup
          ? { ...setup, clinicians: setup.clinicians.map((c) => (c.staffId === saved.staffId ? saved : c)) }
          : setup,
      ),
  });
}

/** A client's Billing tab. */
export function useClientBilling(clientId: string) {
  return useQuery({
    queryKey: billingKeys.client(clientId),
    queryFn: ({ signal }) => call(billingApi.client, { params: { id: clientId }, signal }),
  });
}

export function useSaveClientBilling(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClientBillingBody) => call(billingApi.updateClient, { params: { id: clientId }, body }),
    onSuccess: (saved) => queryClient.setQueryData(billingKeys.client(clientId), saved),
  });
}
