import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '../../common/router.js';
import { portalApi, type PortalSignedIn } from '../../../../shared/contract/portal.js';
import type { RedeemCodeBody } from '../../../../shared/schemas/portal.js';
import { call, setCsrfToken } from '../../../common/api.js';
import { portalPaths } from '../../common/paths.js';
import { meQuery } from '../../common/session.js';

/** A sign-in opened a session: its CSRF token goes with every later change. */
function keepSession(answer: PortalSignedIn): PortalSignedIn {
  setCsrfToken(answer.csrfToken);
  return answer;
}

/** After a successful sign-in: learn who signed in (so Home shows at once), then go Home. */
function useFinishSignIn(slug: string): () => Promise<void> {
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

/** "Send link": emails a sign-in link to the address, if it has access (the answer never says). */
export function useRequestLink(slug: string) {
  return useMutation({
    mutationFn: (email: string) => call(portalApi.requestLink, { params: { slug }, body: { email } }),
  });
}

/**
 * Posts the token of the link that opened the page, then goes Home. Someone may already be signed
 * in on this device: their session's CSRF token is needed to post, and learning who is here
 * provides it.
 */
export function useRedeemLink(slug: string) {
  const queryClient = useQueryClient();
  const finishSignIn = useFinishSignIn(slug);
  return useMutation({
    mutationFn: async (token: string) => {
      await queryClient.query({ ...meQuery(slug), staleTime: 0 }).catch(() => undefined);
      return keepSession(await call(portalApi.redeemLink, { params: { slug }, body: { token } }));
    },
    onSuccess: finishSignIn,
  });
}

/** Signs in with the email address and the 6-digit code from a sign-in email, then goes Home. */
export function useRedeemCode(slug: string) {
  const finishSignIn = useFinishSignIn(slug);
  return useMutation({
    mutationFn: async (body: RedeemCodeBody) =>
      keepSession(await call(portalApi.redeemCode, { params: { slug }, body })),
    onSuccess: finishSignIn,
  });
}

/** "Email me a new link" for a link that no longer works: the server knows where it was sent. */
export function useNewLink(slug: string) {
  return useMutation({
    mutationFn: (token: string) => call(portalApi.newLink, { params: { slug }, body: { token } }),
  });
}
