import type { AppDeps } from '../../src/server/deps.js';
import { audit, type AuditActor } from '../../src/server/platform/audit.js';

/**
 * An audit row, written the way the services write theirs (`audit()`, so its kind is set), at
 * the clock's time or at `at` (the clock is left there). The actor is Portico unless given.
 */
export async function createAuditEntry(
  deps: Pick<AppDeps, 'db' | 'clock'> & { clock: { set(date: Date): void } },
  practiceId: string,
  event: {
    action: string;
    actor?: AuditActor;
    clientId?: string | null;
    at?: string;
    ip?: string;
    details?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  if (event.at) deps.clock.set(new Date(event.at));
  await audit(
    deps.db,
    deps.clock,
    event.actor ?? { kind: 'system' },
    event.ip ? { ip: event.ip, userAgent: null } : null,
    {
      action: event.action,
      practiceId,
      clientId: event.clientId ?? null,
      ...(event.details ? { details: event.details } : {}),
    },
  );
}
