import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '../../../common/api.js';
import { meQuery, portalApi, type MeState } from '../../portal.api.js';

/**
 * Ends the session. Whatever the server answers, this device forgets the client: the guard then
 * takes them to the landing page with a "signed out" notice.
 */
export function useSignOut(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => portalApi.signOut(slug),
    onSettled: () => {
      setCsrfToken(null);
      // Nothing the client saw stays in memory; only who-is-here and the practice remain.
      queryClient.removeQueries({
        predicate: ({ queryKey }) => queryKey[0] === 'portal' && queryKey[2] !== 'info' && queryKey[2] !== 'me',
      });
      const signedOut: MeState = { signedIn: false, byClient: true };
      queryClient.setQueryData(meQuery(slug).queryKey, signedOut);
    },
  });
}
