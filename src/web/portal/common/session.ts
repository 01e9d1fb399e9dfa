import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useParams } from './router.js';
import { portalApi } from '../../../shared/contract/portal.js';
import type { PortalInfo, PortalMe } from '../../../shared/schemas/portal.js';
import { call, setCsrfToken } from '../../common/api.js';

/** Who is using the portal: the signed-in client, or nobody (and whether they just signed out). */
export type MeState = { signedIn: true; me: PortalMe } | { signedIn: false; byClient: boolean };

/**
 * Every query key of the portal starts with ['portal', slug]: signing out forgets all of them but
 * who is here and the practice, and query-client.ts reads the slug from the key.
 */
export const portalKeys = {
  info: (slug: string) => ['portal', slug, 'info'] as const,
  me: (slug: string) => ['portal', slug, 'me'] as const,
};

/**
 * Asks the session endpoint, which answers 200 either way: a sign-in page logs no 401. Signed out,
 * it also says whether the portal is on, which the practice's info then follows: a portal switched
 * off since the page loaded shows "not available", never a sign-in form.
 */
async function fetchMe(slug: string, signal: AbortSignal, queryClient: QueryClient): Promise<MeState> {
  const session = await call(portalApi.session, { params: { slug }, signal });
  if (!session.signedIn) {
    setCsrfToken(null);
    setPortalEnabled(queryClient, slug, session.portalEnabled);
    return { signedIn: false, byClient: false };
  }
  setCsrfToken(session.me.csrfToken);
  return { signedIn: true, me: session.me };
}

export const infoQuery = (slug: string) =>
  queryOptions({
    queryKey: portalKeys.info(slug),
    queryFn: ({ signal }) => call(portalApi.info, { params: { slug }, signal }),
    staleTime: 5 * 60_000,
  });

/** Records whether the practice's portal is on, as the server last said. */
export function setPortalEnabled(queryClient: QueryClient, slug: string, enabled: boolean): void {
  queryClient.setQueryData(infoQuery(slug).queryKey, (info) =>
    info && info.enabled !== enabled ? { ...info, enabled } : info,
  );
}

export const meQuery = (slug: string) =>
  queryOptions({
    queryKey: portalKeys.me(slug),
    queryFn: ({ signal, client }) => fetchMe(slug, signal, client),
    staleTime: 30_000,
  });

/** The portal address (`:slug`) of the current page. */
export function useSlug(): string {
  const { slug } = useParams();
  if (!slug) throw new Error('useSlug() used outside /portal/:slug');
  return slug;
}

/** The practice behind a portal address, for the gate that loads it before any page (only for a lowercase slug). */
export function usePortalInfoQuery(slug: string, enabled: boolean) {
  return useQuery({ ...infoQuery(slug), enabled });
}

/** The practice and whether its portal is on; only below PortalGate, which loads it first. */
export function usePortalInfo(): PortalInfo {
  const slug = useSlug();
  const { data } = useQuery(infoQuery(slug));
  if (!data) throw new Error('usePortalInfo() used before the portal loaded');
  return data;
}

/** Who is here, for the guards; `refetchOnWindowFocus` notices a session that ended meanwhile. */
export function useMeQuery(slug: string, options: { refetchOnWindowFocus?: boolean } = {}) {
  return useQuery({ ...meQuery(slug), ...options });
}

/** The signed-in client; only for pages behind RequireClient, which loads it first. */
export function useSignedIn(): PortalMe {
  const slug = useSlug();
  const { data } = useQuery(meQuery(slug));
  if (!data?.signedIn) throw new Error('useSignedIn() used while signed out');
  return data.me;
}

/**
 * Ends the session. Whatever the server answers, this device forgets the client: the guard then
 * takes them to the landing page with a "signed out" notice.
 */
export function useSignOut(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(portalApi.signOut, { params: { slug } }),
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
