import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { portalPaths } from '../../paths.js';
import { meQuery } from '../../portal.api.js';

/** After a successful sign-in: learn who signed in (so Home shows at once), then go Home. */
export function useFinishSignIn(slug: string): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await queryClient.query({ ...meQuery(slug), staleTime: 0 });
    } catch {
      // Home loads (and explains) it again.
    }
    await navigate(portalPaths.home(slug), { replace: true });
  };
}
