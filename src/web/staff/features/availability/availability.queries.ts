import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { availabilityApi } from '../../../../shared/contract/availability.js';
import type { Availability, TimeOffInput, WeeklyBlocksBody } from '../../../../shared/schemas/availability.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

/** One clinician's weekly hours and coming time off. */
export function availabilityKey(clinicianId: string) {
  return [...areaKeys.settings, 'availability', clinicianId] as const;
}

export function useAvailability(clinicianId: string | null) {
  return useQuery({
    queryKey: availabilityKey(clinicianId ?? ''),
    queryFn: ({ signal }) => call(availabilityApi.get, { params: { clinicianId: clinicianId ?? '' }, signal }),
    enabled: clinicianId !== null,
  });
}

export function useSaveWeeklyBlocks(clinicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WeeklyBlocksBody) => call(availabilityApi.saveBlocks, { params: { clinicianId }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(availabilityKey(clinicianId), saved);
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

export function useAddTimeOff(clinicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TimeOffInput) => call(availabilityApi.addTimeOff, { params: { clinicianId }, body }),
    onSuccess: (added) => {
      queryClient.setQueryData<Availability>(availabilityKey(clinicianId), (current) =>
        current
          ? { ...current, timeOff: [...current.timeOff, added].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: availabilityKey(clinicianId) });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

export function useRemoveTimeOff(clinicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(availabilityApi.removeTimeOff, { params: { clinicianId, id } }),
    onSuccess: (_ok, id) => {
      queryClient.setQueryData<Availability>(availabilityKey(clinicianId), (current) =>
        current ? { ...current, timeOff: current.timeOff.filter((span) => span.id !== id) } : current,
      );
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}
