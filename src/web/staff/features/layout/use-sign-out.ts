import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { authApi } from '../../../../shared/contract/auth.js';
import { call } from '../../../common/api.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { fetchSession, resetToSession } from '../../session.js';

/** Signs out, forgets cached data of the signed-in user and goes to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await call(authApi.signOut);
      const state = await fetchSession();
      resetToSession(queryClient, state);
      await navigate('/sign-in', { replace: true });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: errorMessage(error) });
    }
  };
}
