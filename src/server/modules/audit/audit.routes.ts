import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPage, auditQuery } from '../../../shared/schemas/audit.js';
import { requireOwner, scopeOf } from '../../platform/context.js';
import { listAudit } from './audit.queries.js';

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null;
  const parsed: unknown = JSON.parse(details);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
}

function cursorOf(row: { created_at: string; id: string } | undefined): string | null {
  return row ? `${row.created_at}|${row.id}` : null;
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/audit', { schema: { querystring: auditQuery, response: { 200: auditPage } } }, async (request) => {
    const owner = requireOwner(request);
    const rows = await listAudit(app.deps.db, scopeOf(owner), request.query);
    const page = rows.slice(0, request.query.limit);
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
      nextBefore: rows.length > request.query.limit ? cursorOf(page.at(-1)) : null,
    };
  });
}
