/**
 * The signed-in pages load on demand: the sign-in pages, which a client opens first and often on a
 * phone, do not wait for the messaging code. Each signed-in page's module is declared with
 * signedInPage(); starting a sign-in (posting a link's token or a code) prefetches them all, so the
 * page after sign-in does not wait either.
 */
const loaders: (() => Promise<unknown>)[] = [];

export function signedInPage<T>(load: () => Promise<T>): () => Promise<T> {
  loaders.push(load);
  return load;
}

export function prefetchSignedInPages(): void {
  void Promise.all(loaders.map((load) => load())).catch(() => {
    // A failed prefetch is tried again by the route itself when it is needed.
  });
}
