import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvent, StreamEndReason } from '../../shared/schemas/messages.js';
import { isAccessEvent, type AccessEvent, type MessageEvent } from './live-events.js';

const HEARTBEAT_MS = 25_000;

export interface EventStreamOptions {
  practiceId: string;
  /** Which of the practice's message events this listener may see (a clinician: their clients'). */
  accepts: (event: MessageEvent) => boolean | Promise<boolean>;
  /** Checked before each event and at each heartbeat; the stream ends once it answers false. */
  stillAllowed: () => Promise<boolean>;
  /**
   * Whether a change of portal access ends this stream, and why: the `end` event then says so at
   * once and the stream closes (the change is committed and the session already gone). Without it,
   * access events are not this stream's.
   */
  endsOn?: (event: AccessEvent) => StreamEndReason | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** How to end each open event stream; plugins share the root's set. */
    eventStreams: Set<() => void>;
  }
}

/** Ends every open event stream when the app closes, so shutdown does not wait on them. */
export function installEventStreams(app: FastifyInstance): void {
  const streams = new Set<() => void>();
  app.decorate('eventStreams', streams);
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
}

/**
 * Answers with a server-sent event stream of the practice's live events (named `messages`).
 * Events carry ids only; access is checked again before each one is written. The stream's last
 * event is `end` (data `{ reason }`) when access ended: the browser must not reconnect.
 */
export function openEventStream(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  options: EventStreamOptions,
): void {
  const streams = app.eventStreams;
  void reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  response.write('retry: 3000\n\n');

  let ended = false;
  let checking: Promise<void> = Promise.resolve();
  const endWith = (reason: StreamEndReason): void => {
    if (ended) return;
    response.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    end();
  };
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(end);
    response.end();
  };
  // Checks run one after another, so events keep their order.
  const whenAllowed = (write: () => void | Promise<void>): void => {
    checking = checking.then(async () => {
      if (ended) return;
      let allowed = false;
      try {
        allowed = await options.stillAllowed();
      } catch {
        allowed = false;
      }
      if (ended) return;
      if (!allowed) {
        endWith('ended');
        return;
      }
      await write();
    });
  };
  const unsubscribe = app.deps.live.subscribe(options.practiceId, (event) => {
    if (isAccessEvent(event)) {
      const reason = options.endsOn?.(event) ?? null;
      if (reason) endWith(reason);
      return;
    }
    const payload: LiveEvent = { type: event.type, clientId: event.clientId, messageId: event.messageId };
    whenAllowed(async () => {
      let accepted = false;
      try {
        accepted = await options.accepts(event);
      } catch {
        accepted = false;
      }
      if (accepted && !ended) response.write(`event: messages\ndata: ${JSON.stringify(payload)}\n\n`);
    });
  });
  const heartbeat = setInterval(
    () =>
      whenAllowed(() => {
        response.write(': ping\n\n');
      }),
    HEARTBEAT_MS,
  );
  streams.add(end);
  request.raw.on('close', end);
  response.on('error', end);
}
