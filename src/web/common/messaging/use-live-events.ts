import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { liveEvent, streamEnd, type LiveEvent, type StreamEndReason } from '../../../shared/schemas/messages.js';

/**
 * Listens to the server's live events (server-sent events named `messages`) while mounted.
 * `onOpen` runs each time the stream (re)connects, to refetch whatever it may have missed: on the
 * first connection, what changed between the page's first fetches and the server's subscription
 * (a message sent in that moment has no event); after a reconnect (EventSource reconnects by itself
 * after a dropped connection), what changed meanwhile. The server sends `end` when the session
 * ended or access was withdrawn: the stream is then closed for good and `onEnd` gets why
 * (`portal_off`, `access_ended`, or `ended` when the caller must ask).
 */
export function useLiveEvents(
  url: string | null,
  onEvent: (event: LiveEvent) => void,
  onOpen?: () => void,
  onEnd?: (reason: StreamEndReason) => void,
): void {
  const handlers = useRef({ onEvent, onOpen, onEnd });
  useEffect(() => {
    handlers.current = { onEvent, onOpen, onEnd };
  });

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    source.addEventListener('open', () => handlers.current.onOpen?.());
    source.addEventListener('messages', (message: MessageEvent<string>) => {
      try {
        const parsed = liveEvent.safeParse(JSON.parse(message.data));
        if (parsed.success) handlers.current.onEvent(parsed.data);
      } catch {
        // A malformed event is ignored; the next refetch catches up.
      }
    });
    source.addEventListener('end', (message: MessageEvent<string>) => {
      source.close();
      let reason: StreamEndReason = 'ended';
      try {
        reason = streamEnd.safeParse(JSON.parse(message.data)).data?.reason ?? 'ended';
      } catch {
        // Without a readable reason the caller asks the server what changed.
      }
      handlers.current.onEnd?.(reason);
    });
    return () => source.close();
  }, [url]);
}

/**
 * Refetches the queries under `queryKey` after a change the server announced. A fetch already
 * under way may have read the server before the change, and an invalidation joins a query's first
 * fetch (one with no data yet) instead of starting another: a page that just opened would keep its
 * answer from before the event. So what is under way is cancelled first, and the refetch starts
 * after the event.
 */
export async function refetchAfterChange(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}
