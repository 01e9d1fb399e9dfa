import { queryOptions, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { PortalMe } from '../../shared/schemas/portal.js';
import { api, isApiError, setCsrfToken } from '../common/api.js';

export interface PortalInfo {
  practice: { name: string; slug: string };
  enabled: boolean;
}

interface Ok {
  ok: true;
}

interface SignedIn {
  ok: true;
  csrfToken: string;
}

/** Who is using the portal: the signed-in client, or nobody (and whether they just signed out). */
export type MeState = { signedIn: true; me: PortalMe } | { signedIn: false; byClient: boolean };

const base = (slug: string): string => `/api/portal/${encodeURIComponent(slug)}`;

function keepSession(answer: SignedIn): SignedIn {
  setCsrfToken(answer.csrfToken);
  return answer;
}

export const portalApi = {
  info: (slug: string, signal?: AbortSignal) => api.get<PortalInfo>(base(slug), undefined, signal),
  requestLink: (slug: string, email: string) => api.post<Ok>(`${base(slug)}/sign-in/request`, { email }),
  redeemLink: async (slug: string, token: string) =>
    keepSession(await api.post<SignedIn>(`${base(slug)}/sign-in/link`, { token })),
  redeemCode: async (slug: string, body: { email: string; code: string }) =>
    keepSession(await api.post<SignedIn>(`${base(slug)}/sign-in/code`, body)),
  newLink: (slug: string, token: string) => api.post<Ok>(`${base(slug)}/sign-in/new-link`, { token }),
  signOut: (slug: string) => api.post<Ok>(`${base(slug)}/sign-out`),
};

/** A 401 answer: nobody is signed in (or the session ended). */
export function isSignedOutError(error: unknown): boolean {
  return isApiError(error) && (error.status === 401 || error.code === 'unauthenticated');
}

async function fetchMe(slug: string, signal: AbortSignal): Promise<MeState> {
  try {
    const me = await api.get<PortalMe>(`${base(slug)}/me`, undefined, signal);
    setCsrfToken(me.csrfToken);
    return { signedIn: true, me };
  } catch (error) {
    if (isSignedOutError(error)) {
      setCsrfToken(null);
      return { signedIn: false, byClient: false };
    }
    throw error;
  }
}

export const portalKeys = {
  info: (slug: string) => ['portal', slug, 'info'] as const,
  me: (slug: string) => ['portal', slug, 'me'] as const,
};

export const infoQuery = (slug: string) =>
  queryOptions({
    queryKey: portalKeys.info(slug),
    queryFn: ({ signal }) => portalApi.info(slug, signal),
    staleTime: 5 * 60_000,
  });

export const meQuery = (slug: string) =>
  queryOptions({
    queryKey: portalKeys.me(slug),
    queryFn: ({ signal }) => fetchMe(slug, signal),
    staleTime: 30_000,
  });

/** The portal address (`:slug`) of the current page. */
export function useSlug(): string {
  const { slug } = useParams();
  if (!slug) throw new Error('useSlug() used outside /portal/:slug');
  return slug;
}

/** The practice and whether its portal is on; only below PortalGate, which loads it first. */
export function usePortalInfo(): PortalInfo {
  const slug = useSlug();
  const { data } = useQuery(infoQuery(slug));
  if (!data) throw new Error('usePortalInfo() used before the portal loaded');
  return data;
}
