import { useQuery } from '@tanstack/react-query';
import type { PortalMe } from '../../../../shared/schemas/portal.js';
import { meQuery, useSlug } from '../../portal.api.js';

/** The signed-in client; only for pages behind RequireClient, which loads it first. */
export function useSignedIn(): PortalMe {
  const slug = useSlug();
  const { data } = useQuery(meQuery(slug));
  if (!data?.signedIn) throw new Error('useSignedIn() used while signed out');
  return data.me;
}
