import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { portalAppointmentsApi } from '../../../../shared/contract/appointment-requests.js';
import type { CreateRequestBody } from '../../../../shared/schemas/appointment-requests.js';
import { call } from '../../../common/api.js';

/** Under ['portal', slug, …] so that signing out forgets them (see useSignOut). */
export const appointmentKeys = {
  all: (slug: string) => ['portal', slug, 'appointments'] as const,
  overview: (slug: string) => ['portal', slug, 'appointments', 'overview'] as const,
  options: (slug: string) => ['portal', slug, 'appointments', 'options'] as const,
  slots: (slug: string, ask: SlotAsk) => ['portal', slug, 'appointments', 'slots', ask] as const,
};

export interface SlotAsk {
  serviceId: string;
  clinicianId: string;
  locationId: string;
}

export function useAppointments(slug: string) {
  return useQuery({
    queryKey: appointmentKeys.overview(slug),
    queryFn: ({ signal }) => call(portalAppointmentsApi.overview, { params: { slug }, signal }),
  });
}

export function useRequestOptions(slug: string) {
  return useQuery({
    queryKey: appointmentKeys.options(slug),
    queryFn: ({ signal }) => call(portalAppointmentsApi.options, { params: { slug }, signal }),
  });
}

const noAsk: SlotAsk = { serviceId: '', clinicianId: '', locationId: '' };

export function useFreeSlots(slug: string, ask: SlotAsk | null) {
  return useQuery({
    queryKey: appointmentKeys.slots(slug, ask ?? noAsk),
    queryFn: ({ signal }) => call(portalAppointmentsApi.slots, { params: { slug }, query: ask ?? noAsk, signal }),
    enabled: ask !== null,
    staleTime: 15_000,
  });
}

function useRefresh(slug: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: appointmentKeys.all(slug) });
}

export function useRequestAppointment(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (body: CreateRequestBody) => call(portalAppointmentsApi.request, { params: { slug }, body }),
    onSettled: refresh,
  });
}

export function useCancelRequest(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (id: string) => call(portalAppointmentsApi.cancelRequest, { params: { slug, id } }),
    onSettled: refresh,
  });
}

export function useCancelAppointment(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (id: string) => call(portalAppointmentsApi.cancelAppointment, { params: { slug, id } }),
    onSettled: refresh,
  });
}

export function useSetTimeZone(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (timeZone: string) => call(portalAppointmentsApi.setTimeZone, { params: { slug }, body: { timeZone } }),
    onSettled: refresh,
  });
}
