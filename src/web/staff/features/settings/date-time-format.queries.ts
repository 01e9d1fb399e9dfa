import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { practiceFormatsApi } from '../../../../shared/contract/practice-formats.js';
import type { DateTimeFormat } from '../../../../shared/date-time-format.js';
import type { SessionState } from '../../../../shared/schemas/auth.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';
import { sessionKey } from '../../common/session.js';

export const dateTimeFormatKey = [...areaKeys.settings, 'date-time-format'] as const;

/** The practice's date and time format, as saved. */
export function useDateTimeFormatSetting() {
  return useQuery({
    queryKey: dateTimeFormatKey,
    queryFn: ({ signal }) => call(practiceFormatsApi.get, { signal }),
  });
}

/**
 * Saves the format (owners). The session's copy of the practice changes with it, so every page
 * shows dates the new way at once, without a reload.
 */
export function useSaveDateTimeFormat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DateTimeFormat) => call(practiceFormatsApi.update, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(dateTimeFormatKey, saved);
      queryClient.setQueryData<SessionState>(sessionKey, (state) =>
        state?.practice ? { ...state, practice: { ...state.practice, dateTimeFormat: saved } } : state,
      );
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}
