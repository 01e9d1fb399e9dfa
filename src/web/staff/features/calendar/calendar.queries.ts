import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarApi } from '../../../../shared/contract/scheduling.js';
import type {
  AppointmentInput,
  AppointmentStatusBody,
  AppointmentUpdate,
} from '../../../../shared/schemas/scheduling.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const calendarKeys = {
  all: areaKeys.calendar,
  range: (from: string, to: string, clinicianId: string | null) =>
    [...areaKeys.calendar, 'range', from, to, clinicianId ?? 'all'] as const,
};

/** The appointments between two instants, for one clinician or every calendar the member sees. */
export function useCalendar(range: { from: string; to: string }, clinicianId: string | null) {
  return useQuery({
    queryKey: calendarKeys.range(range.from, range.to, clinicianId),
    queryFn: ({ signal }) =>
      call(calendarApi.get, {
        query: { from: range.from, to: range.to, ...(clinicianId ? { clinicianId } : {}) },
        signal,
      }),
    // Stepping to the next week keeps the grid (and its layout) until the new week arrives.
    placeholderData: keepPreviousData,
  });
}

function useCalendarChange<V, R>(change: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: areaKeys.calendar });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
      // A status sets what the client owes (billable items, per-appointment invoices).
      void queryClient.invalidateQueries({ queryKey: areaKeys.billing });
    },
  });
}

/** Books an appointment or a series (a 409 `time_taken` names the conflicts to confirm). */
export function useBookAppointment() {
  return useCalendarChange((body: AppointmentInput) => call(calendarApi.create, { body }));
}

/** Moves or changes an appointment, or it and the following ones of its series. */
export function useChangeAppointment() {
  return useCalendarChange(({ id, body }: { id: string; body: AppointmentUpdate }) =>
    call(calendarApi.update, { params: { id }, body }),
  );
}

/** Sets the status of an appointment (attended, no-show, a cancellation…), or of it and the following ones. */
export function useSetAppointmentStatus() {
  return useCalendarChange(({ id, body }: { id: string; body: AppointmentStatusBody }) =>
    call(calendarApi.setStatus, { params: { id }, body }),
  );
}
