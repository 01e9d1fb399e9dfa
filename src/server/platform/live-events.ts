import { EventEmitter } from 'node:events';
import pg from 'pg';
import { z } from 'zod';
import { liveEvent, type LiveEvent } from '../../shared/schemas/messages.js';

/** A change to a conversation, announced to the practice's staff and to that client. */
export interface MessageEvent extends LiveEvent {
  practiceId: string;
}

/**
 * A change to who may use the portal, announced after it is committed (the sessions are already
 * gone): `portal.off` to every client of the practice, `access.disabled` to one client. Open portal
 * pages then leave at once instead of at their next request.
 */
export type AccessEvent =
  | { practiceId: string; type: 'portal.off'; clientId: null }
  | { practiceId: string; type: 'access.disabled'; clientId: string }
  /** A staff member's membership was deactivated: their open staff pages end. */
  | { practiceId: string; type: 'staff.ended'; clientId: null; staffId: string };

/** A live event and the practice it belongs to; subscribers see only their practice's events. */
export type PracticeEvent = MessageEvent | AccessEvent;

export function isAccessEvent(event: PracticeEvent): event is AccessEvent {
  return event.type === 'portal.off' || event.type === 'access.disabled' || event.type === 'staff.ended';
}

/**
 * Tells connected browsers that something changed. Publish after the change is committed. Events
 * carry ids only, never content: browsers refetch through the API, which checks access again.
 */
export interface LiveEventBus {
  publish(event: PracticeEvent): Promise<void>;
  subscribe(practiceId: string, listener: (event: PracticeEvent) => void): () => void;
  close(): Promise<void>;
}

/** Events within one process: enough for SQLite, which one process serves. */
export class InProcessEventBus implements LiveEventBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    // Every open event stream is a listener; the default warning at 10 is meant for leaks, not this.
    this.emitter.setMaxListeners(0);
  }

  publish(event: PracticeEvent): Promise<void> {
    this.deliver(event);
    return Promise.resolve();
  }

  protected deliver(event: PracticeEvent): void {
    this.emitter.emit(event.practiceId, event);
  }

  subscribe(practiceId: string, listener: (event: PracticeEvent) => void): () => void {
    this.emitter.on(practiceId, listener);
    return () => this.emitter.off(practiceId, listener);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

const practiceEvent = z.union([
  liveEvent.extend({ practiceId: z.string() }),
  z.strictObject({ practiceId: z.string(), type: z.literal('portal.off'), clientId: z.null() }),
  z.strictObject({ practiceId: z.string(), type: z.literal('access.disabled'), clientId: z.string() }),
  z.strictObject({ practiceId: z.string(), type: z.literal('staff.ended'), clientId: z.null(), staffId: z.string() }),
]);

/**
 * Events across every server process on one PostgreSQL database, through LISTEN/NOTIFY: an
 * event published by one instance reaches the browsers connected to any instance (this one too,
 * through the same channel). The listening connection reconnects after a failure.
 */
export class PostgresEventBus extends InProcessEventBus {
  private listener: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /**
   * The NOTIFYs sent so far on the listening connection, one after the other: node-postgres queues
   * a query sent while another runs, but deprecates it (pg 9 will refuse), and the benchmark's
   * concurrent sends did exactly that.
   */
  private notifying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    private readonly channel = 'portico_live',
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
  }

  /** Resolves once the first LISTEN is in place, so no event published after it is missed. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      try {
        const parsed = practiceEvent.safeParse(JSON.parse(message.payload));
        if (parsed.success) this.deliver(parsed.data);
      } catch {
        // Not ours or malformed: ignored.
      }
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
  }

  private reconnect(client: pg.Client): void {
    if (this.closed || this.listener !== client) return;
    this.listener = null;
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    this.scheduleConnect(1000);
  }

  private scheduleConnect(delayMs: number): void {
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.connect().catch(() => this.scheduleConnect(Math.min(delayMs * 2, 30_000)));
    }, delayMs);
  }

  override async publish(event: PracticeEvent): Promise<void> {
    const client = this.listener;
    if (!client) {
      // Listening connection down: deliver here at least; other instances' browsers catch up on reconnect.
      this.deliver(event);
      return;
    }
    const sent = this.notifying.then(() =>
      client.query('select pg_notify($1, $2)', [this.channel, JSON.stringify(event)]),
    );
    this.notifying = sent.catch(() => undefined);
    await sent;
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    if (client) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
    }
    await super.close();
  }
}
