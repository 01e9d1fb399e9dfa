import { Readable } from 'node:stream';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { auditActionLabel, auditKindLabels, type AuditKind } from '../../../shared/audit-actions.js';
import {
  auditExportLimit,
  type AuditEntry,
  type AuditFilterOptions,
  type AuditFilters,
  type AuditPage,
  type AuditQuery,
} from '../../../shared/schemas/audit.js';
import { auditIn } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Scope, StaffContext } from '../../platform/request-context.js';
import { getPractice } from '../practices/index.js';
import {
  countAudit,
  findClientName,
  listAudit,
  listStaffNames,
  type AuditRow,
  type AuditSelection,
} from './audit.queries.js';
import { csvLine, utf8Bom } from './audit.csv.js';

dayjs.extend(utc);
dayjs.extend(timezone);

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null;
  const parsed: unknown = JSON.parse(details);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
}

function cursorOf(row: { created_at: string; id: string } | undefined): string | null {
  return row ? `${row.created_at}|${row.id}` : null;
}

function nameOf(first: string | null, last: string | null): string | null {
  return first === null && last === null ? null : `${first ?? ''} ${last ?? ''}`.trim();
}

function isKind(kind: string | null): kind is AuditKind {
  return kind !== null && kind in auditKindLabels;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    action: row.action,
    kind: isKind(row.kind) ? row.kind : null,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_staff_name ?? nameOf(row.actor_first_name, row.actor_last_name),
    clientId: row.client_id,
    clientName: nameOf(row.client_first_name, row.client_last_name),
    ip: row.ip,
    userAgent: row.user_agent,
    details: parseDetails(row.details),
    createdAt: row.created_at,
  };
}

/** The day after a calendar day, as a calendar day (no time zone involved). */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The filters as the database compares them: the practice's days as UTC instants, `to` taking in its whole day. */
async function selectionOf(scope: Scope, filters: AuditFilters): Promise<AuditSelection> {
  const { clientId, staffId, kind, from, to } = filters;
  const zone = from || to ? (await getPractice(scope)).time_zone : 'UTC';
  const startOf = (day: string) => dayjs.tz(day, zone).toISOString();
  return {
    clientId,
    staffId,
    kind,
    fromTime: from ? startOf(from) : undefined,
    toTime: to ? startOf(nextDay(to)) : undefined,
  };
}

/** One page of the practice's audit log, newest first, each row with its names, and the cursor of the next. */
export async function getAuditPage(scope: Scope, query: AuditQuery): Promise<AuditPage> {
  const selection = await selectionOf(scope, query);
  const rows = await listAudit(scope, { ...selection, before: query.before, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toEntry),
    nextBefore: rows.length > query.limit ? cursorOf(page.at(-1)) : null,
  };
}

/** The staff to filter by, and the name of the client the log is filtered on (404 for no client of the practice). */
export async function getAuditFilterOptions(scope: Scope, clientId: string | undefined): Promise<AuditFilterOptions> {
  const staff = await listStaffNames(scope);
  if (!clientId) return { staff, client: null };
  const client = await findClientName(scope, clientId);
  if (!client) throw new AppError('not_found', 'No such client.');
  return { staff, client: { id: client.id, name: nameOf(client.first_name, client.last_name) ?? '' } };
}

const actorTypeLabels: Record<AuditEntry['actorType'], string> = {
  staff: 'Staff member',
  client: 'Client',
  anonymous: 'Someone not signed in',
  system: 'Portico',
};

const exportBatch = 500;

/**
 * The selected rows as CSV, newest first, read from the database a batch at a time as the file
 * is sent. The export is audited first, with its filters (its own row is not in the file); a selection of more than
 * `auditExportLimit` rows is refused, asking for narrower filters.
 */
export async function exportAuditCsv(
  ctx: StaffContext,
  filters: AuditFilters,
): Promise<{ fileName: string; stream: Readable }> {
  if (filters.clientId && !(await findClientName(ctx, filters.clientId)))
    throw new AppError('not_found', 'No such client.');
  const selection = await selectionOf(ctx, filters);
  const count = await countAudit(ctx, selection, auditExportLimit + 1);
  if (count > auditExportLimit) {
    throw new AppError(
      'bad_request',
      `More than ${auditExportLimit.toLocaleString('en')} entries match. Narrow the dates to export them.`,
    );
  }
  const zone = (await getPractice(ctx)).time_zone;
  const exportId = await auditIn(ctx, {
    action: 'audit.exported',
    clientId: filters.clientId ?? null,
    details: {
      clientId: filters.clientId ?? null,
      staffId: filters.staffId ?? null,
      kind: filters.kind ?? null,
      from: filters.from ?? null,
      to: filters.to ?? null,
      rows: count,
    },
  });

  const header = [
    `Time (${zone})`,
    'Time (UTC)',
    'Who',
    'Who is',
    'Action',
    'Kind',
    'Client',
    'Client ID',
    'IP address',
    'Details',
  ];
  async function* lines(): AsyncGenerator<string> {
    yield utf8Bom + csvLine(header);
    let before: string | undefined;
    for (;;) {
      const rows = await listAudit(ctx, { ...selection, exceptId: exportId, before, limit: exportBatch });
      for (const row of rows) {
        const entry = toEntry(row);
        yield csvLine([
          dayjs.utc(entry.createdAt).tz(zone).format('YYYY-MM-DD HH:mm:ss'),
          entry.createdAt,
          entry.actorName ?? actorTypeLabels[entry.actorType],
          actorTypeLabels[entry.actorType],
          auditActionLabel(entry.action),
          entry.kind ? auditKindLabels[entry.kind] : '',
          entry.clientName,
          entry.clientId,
          entry.ip,
          entry.details ? JSON.stringify(entry.details) : '',
        ]);
      }
      if (rows.length < exportBatch) return;
      before = cursorOf(rows.at(-1)) ?? undefined;
    }
  }
  const today = dayjs.utc(ctx.clock.now()).tz(zone).format('YYYY-MM-DD');
  return { fileName: `audit-log-${today}.csv`, stream: Readable.from(lines()) };
}
