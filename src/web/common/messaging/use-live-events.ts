import { useEffect, useRef } from 'react';
import { liveEvent, type LiveEvent } from '../../../shared/schemas/messages.js';

/**
 * Listens to the server's live events (server-sent events named `messages`) while mounted.
 * EventSource reconnects by itself after a dropped connection; `onReconnect` lets the caller
 * refetch whatever it may have missed meanwhile. The server sends `end` when the session ended or
 * access was withdrawn: the stream is then closed for good and `onEnd` lets the caller find out why.
 */
export function useLiveEvents(
  url: string | null,
  onEvent: (event: LiveEvent) => void,
  onReconnect?: () => void,
  onEnd?: () => void,
): void {
  const handlers = useRef({ onEvent, onReconnect, onEnd });
  useEffect(() => {
    handlers.current = { onEvent, onReconnect, onEnd };
  });

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    let opened = false;
    source.addEventListener('open', () => {
      if (opened) handlers.current.onReconnect?.();
      opened = true;
    });
    source.addEventListener('messages', (message: MessageEvent<string>) => {
      try {
        const parsed = liveEvent.safeParse(JSON.parse(message.data));
        if (parsed.success) handlers.current.onEvent(parsed.data);
      } catch {
        // A malformed event is ignored; the next refetch catches up.
      }
    });
    source.addEventListener('end', () => {
      source.close();
      handlers.current.onEnd?.();
    });
    return () => source.close();
  }, [url]);
}
