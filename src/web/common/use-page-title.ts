import { useEffect } from 'react';

/** Sets the document title for the current page: "Clients · Portico". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Portico` : 'Portico';
  }, [title]);
}
