import { useEffect } from 'react';

/** Sets the document title for a portal page: "Sign in — Practice name". */
export function usePortalTitle(page: string, practiceName?: string | null): void {
  useEffect(() => {
    document.title = `${page} — ${practiceName ?? 'Client Portal'}`;
  }, [page, practiceName]);
}
