import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { CreatePracticeBody, SessionState } from '../../../../shared/schemas/auth.js';
import { api } from '../../../common/api.js';
import { useApplySession } from '../../session.js';

/** POSTs the practice form to /api/setup or /api/signup; signed in afterwards, on to Clients. */
export function useCreatePractice(path: '/api/setup' | '/api/signup') {
  const applySession = useApplySession();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (body: CreatePracticeBody) => api.post<SessionState>(path, body),
    onSuccess: async (state) => {
      applySession(state);
      await navigate('/clients', { replace: true });
    },
  });
}
