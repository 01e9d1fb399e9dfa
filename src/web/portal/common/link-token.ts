/**
 * Sign-in links carry their token in the URL fragment (`/portal/:slug/sign-in#token=…`), which
 * browsers never send to the server. The token is read once, then removed from the address bar
 * so it does not linger in history, bookmarks or screenshots.
 */
let captured: string | null = null;

function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token ? token.trim() : null;
}

/** Reads the token from the current fragment (if any) and removes the fragment. Idempotent. */
export function captureLinkToken(): void {
  const token = tokenFromHash(window.location.hash);
  if (token === null) return;
  captured = token;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

/** The token of the link that opened the portal, or null when there was none. */
export function linkToken(): string | null {
  captureLinkToken();
  return captured;
}
