import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authApi } from '../../../../shared/contract/auth.js';
import type { CreatePracticeBody } from '../../../../shared/schemas/auth.js';
import { call } from '../../../common/api.js';
import { useApplySession } from '../../common/session.js';

/** Creates a practice with its owner, by first-run setup or by sign-up; signed in afterwards, on to Clients. */
export function useCreatePractice(how: 'setup' | 'signUp') {
  const applySession = useApplySession();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (body: CreatePracticeBody) => call(authApi[how], { body }),
    onSuccess: async (state) => {
      applySession(state);
      await navigate('/clients', { replace: true });
    },
  });
}
