import type { AuditPage, AuditQuery } from '../../../shared/schemas/audit.js';
import type { Scope } from '../../platform/request-context.js';
import { listAudit } from './audit.queries.js';

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null;
  const parsed: unknown = JSON.parse(details);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
}

function cursorOf(row: { created_at: string; id: string } | undefined): string | null {
  return row ? `${row.created_at}|${row.id}` : null;
}

/** One page of the practice's audit log, newest first, with the cursor of the next. */
export async function getAuditPage(scope: Scope, query: AuditQuery): Promise<AuditPage> {
  const rows = await listAudit(scope, query);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      action: row.action,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorName: row.actor_name,
      clientId: row.client_id,
      ip: row.ip,
      userAgent: row.user_agent,
      details: parseDetails(row.details),
      createdAt: row.created_at,
    })),
    nextBefore: rows.length > query.limit ? cursorOf(page.at(-1)) : null,
  };
}
