import {
  billingDocumentSnapshot,
  type BillingDocumentKindName,
  type BillingDocumentSnapshot,
  type BillingDocumentSummary,
} from '../../../shared/schemas/billing-documents.js';
import type { BillingDocumentsTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { Context } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { notFound } from '../../platform/errors.js';
import { getClient } from '../clients/index.js';
import { findBillingDocument, insertBillingDocument, listBillingDocuments } from './billing-documents.queries.js';
import { notifyBillingDocumentIn } from './portal-billing.notify.js';
import { renderStatementPdf } from './statements.pdf.js';
import { renderSuperbillPdf } from './superbills.pdf.js';

/** The audit action of each event, per kind (written out so the audit labels' test finds them). */
export const documentAudit = {
  created: { statement: { action: 'statement.created' }, superbill: { action: 'superbill.created' } },
  viewed: { statement: { action: 'statement.viewed' }, superbill: { action: 'superbill.viewed' } },
  downloaded: { statement: { action: 'statement.downloaded' }, superbill: { action: 'superbill.downloaded' } },
} as const;

/** The most documents a client's list shows (newest first); years of monthly statements fit. */
export const listedDocumentsLimit = 200;

export function parseSnapshot(row: BillingDocumentsTable): BillingDocumentSnapshot {
  return billingDocumentSnapshot.parse(JSON.parse(row.snapshot));
}

export function toSummary(row: BillingDocumentsTable): BillingDocumentSummary {
  const snapshot = parseSnapshot(row);
  return {
    id: row.id,
    kind: snapshot.kind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    currency: row.currency,
    totalMinor: snapshot.kind === 'statement' ? snapshot.endingBalanceMinor : snapshot.totalChargeMinor,
    createdAt: row.created_at,
  };
}

/**
 * Stores an issued document and its audit row (call inside the transaction that computed it), and
 * tells the client it is in their portal when they may open it there.
 */
export async function storeBillingDocument(
  tx: Context,
  snapshot: BillingDocumentSnapshot,
): Promise<BillingDocumentSummary> {
  const row: Omit<BillingDocumentsTable, 'practice_id'> = {
    id: newId(),
    client_id: snapshot.client.clientId,
    kind: snapshot.kind,
    period_start: snapshot.periodStart,
    period_end: snapshot.periodEnd,
    currency: snapshot.currency,
    snapshot: JSON.stringify(billingDocumentSnapshot.parse(snapshot)),
    created_at: iso(tx.clock.now()),
    created_by: tx.actor.kind === 'staff' ? tx.actor.staffId : null,
  };
  await insertBillingDocument(tx, row);
  await auditIn(tx, {
    ...documentAudit.created[snapshot.kind],
    clientId: row.client_id,
    details: { documentId: row.id, periodStart: row.period_start, periodEnd: row.period_end },
  });
  await notifyBillingDocumentIn(tx, row.client_id);
  return toSummary({ ...row, practice_id: tx.practiceId });
}

/** The client's statements or superbills, newest first; the reading is audited. */
export async function listClientDocuments(
  ctx: Context,
  clientId: string,
  kind: BillingDocumentKindName,
): Promise<BillingDocumentSummary[]> {
  await getClient(ctx, clientId);
  const rows = await listBillingDocuments(ctx, clientId, kind, listedDocumentsLimit);
  await auditIn(ctx, { ...documentAudit.viewed[kind], clientId });
  return rows.map(toSummary);
}

/** A statement's or superbill's PDF, rendered from its stored snapshot; the download is audited. */
export async function billingDocumentPdf(
  ctx: Context,
  clientId: string,
  id: string,
  kind?: BillingDocumentKindName,
): Promise<{ fileName: string; kind: BillingDocumentKindName; bytes: Uint8Array }> {
  await getClient(ctx, clientId);
  const row = await findBillingDocument(ctx, clientId, id, kind);
  if (!row) throw notFound();
  const snapshot = parseSnapshot(row);
  const bytes = snapshot.kind === 'statement' ? await renderStatementPdf(snapshot) : await renderSuperbillPdf(snapshot);
  await auditIn(ctx, { ...documentAudit.downloaded[snapshot.kind], clientId, details: { documentId: id } });
  const title = snapshot.kind === 'statement' ? 'Statement' : 'Superbill';
  return {
    fileName: `${title} ${row.period_start} to ${row.period_end} - ${snapshot.client.name}.pdf`,
    kind: snapshot.kind,
    bytes,
  };
}

/**
 * A client's statements and superbills together, newest first (both readings audited): what the
 * portal's Billing page lists. The context decides the reach (a client context: call with its own
 * client id).
 */
export async function clientBillingDocuments(
  ctx: Context,
  clientId: string,
): Promise<{ statements: BillingDocumentSummary[]; superbills: BillingDocumentSummary[] }> {
  return {
    statements: await listClientDocuments(ctx, clientId, 'statement'),
    superbills: await listClientDocuments(ctx, clientId, 'superbill'),
  };
}
