import { useEffect, useRef } from 'react';
import { useLocation, useMatches } from 'react-router';

export interface StaffRouteHandle {
  /**
   * Navigating to this route changes only part of the page (a conversation beside the list), so
   * focus stays where it is, on the link that was chosen, as long as that is still shown.
   */
  keepsFocus?: boolean;
}

function keepsFocus(handle: unknown): boolean {
  return typeof handle === 'object' && handle !== null && (handle as StaffRouteHandle).keepsFocus === true;
}

/**
 * On navigation, moves focus to the main region, as a full page load would, so keyboard and
 * screen-reader users start at the new page. Not on the first render, and not when the new route
 * keeps focus and the focused element is still visible (on phones the conversation list hides
 * when a conversation opens, and focus must not be left on something hidden).
 */
export function useFocusMainOnNavigation(onNavigate: () => void): void {
  const location = useLocation();
  const matches = useMatches();
  const deepest = matches.at(-1);
  const stay = keepsFocus(deepest?.handle);
  const firstRender = useRef(true);
  useEffect(() => {
    onNavigate();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const active = document.activeElement;
    if (stay && active instanceof HTMLElement && active !== document.body && active.checkVisibility()) return;
    document.getElementById('main')?.focus({ preventScroll: true });
    // Only a change of address moves focus; `stay` is read as it is for that address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname, onNavigate]);
}
