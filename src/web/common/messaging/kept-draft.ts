/**
 * A message being written, kept in this browser's localStorage until it is sent or discarded, so
 * that it survives the page leaving (the session ended, the portal was switched off) and comes
 * back when the same writer opens the same conversation again. Only the text is kept, never files.
 * Storage that is unavailable (private mode, full, blocked) keeps nothing, silently.
 */
export interface KeptDraft {
  load(): string;
  save(text: string): void;
  clear(): void;
}

export function keptDraft(key: string): KeptDraft {
  const storage = (): Storage | null => {
    try {
      return typeof window === 'undefined' ? null : window.localStorage;
    } catch {
      return null;
    }
  };
  const attempt = (work: (store: Storage) => void) => {
    const store = storage();
    if (!store) return;
    try {
      work(store);
    } catch {
      // Nothing kept: the composer still holds the text while the page is open.
    }
  };
  return {
    load: () => {
      try {
        return storage()?.getItem(key) ?? '';
      } catch {
        return '';
      }
    },
    save: (text) => attempt((store) => (text === '' ? store.removeItem(key) : store.setItem(key, text))),
    clear: () => attempt((store) => store.removeItem(key)),
  };
}
