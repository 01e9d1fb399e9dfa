import { useEffect } from 'react';

/** A module loaded the first time it is asked for, then kept; a failed load is tried again next time. */
export interface OnDemand<T> {
  get: () => Promise<T>;
}

/**
 * Forms check their input with the shared zod schemas before sending it, and the schemas bring
 * zod (about 25 kB gzip) with them. A sign-in page shows without them: its form starts loading
 * them as it appears (usePreload) and awaits them when it is sent. The server validates
 * everything again, so a form whose schemas could not load sends the input as it is.
 */
export function onDemand<T>(load: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | null = null;
  return {
    get: () => {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
  };
}

/** Starts loading the module once the component has shown. */
export function usePreload(module: OnDemand<unknown>): void {
  useEffect(() => {
    module.get().catch(() => {
      // Asked for again when it is needed.
    });
  }, [module]);
}
