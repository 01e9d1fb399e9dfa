/**
 * The signed-in pages load on demand: the sign-in pages, which a client opens first and often on a
 * phone, do not wait for the messaging code. Starting a sign-in (posting a link's token or a code)
 * prefetches them, so the page after sign-in does not wait either.
 */
export const signedInLayout = () => import('./features/layout/SignedInLayout.js');
export const homePage = () => import('./features/home/HomePage.js');
export const messagesPage = () => import('./features/messages/MessagesPage.js');

export function prefetchSignedInPages(): void {
  void Promise.all([signedInLayout(), homePage(), messagesPage()]).catch(() => {
    // A failed prefetch is tried again by the route itself when it is needed.
  });
}
