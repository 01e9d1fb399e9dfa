import { questionsOf, templateContent, type TemplateContent } from '../../../shared/schemas/document-templates.js';
import type { StarterKey, TemplateDetail, TemplateInput, TemplateListItem } from '../../../shared/schemas/documents.js';
import { templateInput } from '../../../shared/schemas/documents.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Context, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { renderConsentHtml } from './consent-html.js';
import { starterTemplates } from './starter-templates.js';
import {
  findTemplate,
  findVersion,
  findVersionsByIds,
  insertTemplate,
  insertVersion,
  listStarterKeys,
  listTemplateRows,
  listVersionSummaries,
  updateTemplate,
  type TemplateRow,
  type TemplateVersionRow,
} from './templates.queries.js';

/** A version's content, read back through the shared schema (it was valid when written). */
export function contentOf(version: Pick<TemplateVersionRow, 'content'>): TemplateContent {
  return templateContent.parse(JSON.parse(version.content));
}

function toListItem(row: TemplateRow, content: TemplateContent): TemplateListItem {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    version: row.current_version,
    questionCount: questionsOf(content).filter((q) => q.kind !== 'heading').length,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    starter: (row.starter_key as StarterKey | null) ?? null,
  };
}

/**
 * Writes Portico's starter templates into the practice, once each (docs/decisions/032): the
 * first time anyone lists the practice's templates. A starter the practice archived stays archived.
 */
async function provisionStarters(ctx: Context): Promise<void> {
  const have = new Set(await listStarterKeys(ctx));
  const missing = starterTemplates.filter((s) => !have.has(s.key));
  if (missing.length === 0) return;
  await ctx.inTransaction(async (tx) => {
    const now = iso(tx.clock.now());
    for (const starter of missing) {
      const id = newId();
      const versionId = newId();
      const content = templateContent.parse(starter.content);
      const inserted = await insertTemplate(tx, {
        id,
        kind: content.kind,
        name: starter.name,
        current_version_id: versionId,
        current_version: 1,
        starter_key: starter.key,
        created_by: null,
        created_at: now,
        updated_at: now,
        archived_at: null,
      });
      // Another request wrote this starter meanwhile: theirs stands.
      if (!inserted) continue;
      await insertVersion(tx, {
        id: versionId,
        template_id: id,
        version: 1,
        name: starter.name,
        content: JSON.stringify(content),
        created_by: null,
        created_at: now,
      });
    }
  });
}

export async function listTemplates(ctx: StaffContext, archived: boolean): Promise<TemplateListItem[]> {
  await provisionStarters(ctx);
  const rows = await listTemplateRows(ctx, archived);
  const versions = new Map(
    (
      await findVersionsByIds(
        ctx,
        rows.map((r) => r.current_version_id),
      )
    ).map((v) => [v.id, v]),
  );
  return rows.flatMap((row) => {
    const version = versions.get(row.current_version_id);
    return version ? [toListItem(row, contentOf(version))] : [];
  });
}

export async function getTemplateRow(ctx: Context, id: string): Promise<TemplateRow> {
  const row = await findTemplate(ctx, id);
  if (!row) throw notFound();
  return row;
}

export async function getTemplate(ctx: Context, id: string): Promise<TemplateDetail> {
  const row = await getTemplateRow(ctx, id);
  const version = await findVersion(ctx, row.current_version_id);
  if (!version) throw notFound();
  const content = contentOf(version);
  const versions = await listVersionSummaries(ctx, row.id);
  return {
    ...toListItem(row, content),
    versionId: version.id,
    content,
    bodyHtml: content.kind === 'consent' ? renderConsentHtml(content.body) : null,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at, createdBy: v.created_by_name })),
  };
}

export async function createTemplate(ctx: StaffContext, input: TemplateInput): Promise<TemplateDetail> {
  const { name, content } = templateInput.parse(input);
  const id = await ctx.inTransaction(async (tx) => {
    const now = iso(tx.clock.now());
    const templateId = newId();
    const versionId = newId();
    await insertTemplate(tx, {
      id: templateId,
      kind: content.kind,
      name,
      current_version_id: versionId,
      current_version: 1,
      starter_key: null,
      created_by: tx.actor.staffId,
      created_at: now,
      updated_at: now,
      archived_at: null,
    });
    await insertVersion(tx, {
      id: versionId,
      template_id: templateId,
      version: 1,
      name,
      content: JSON.stringify(content),
      created_by: tx.actor.staffId,
      created_at: now,
    });
    await auditIn(tx, { action: 'document_template.created', details: { templateId, kind: content.kind } });
    return templateId;
  });
  return getTemplate(ctx, id);
}

/**
 * Saves an edit as the next version and makes it current; every version before it, and so every
 * document already shared, stays as it was. An edit that changes nothing makes no version.
 */
export async function editTemplate(ctx: StaffContext, id: string, input: TemplateInput): Promise<TemplateDetail> {
  const { name, content } = templateInput.parse(input);
  await ctx.inTransaction(async (tx) => {
    const row = await getTemplateRow(tx, id);
    if (row.archived_at) throw new AppError('conflict', 'Restore this template before editing it.');
    if (content.kind !== row.kind) {
      throw new AppError('validation_failed', undefined, [
        { field: 'content.kind', message: `must stay ${row.kind === 'form' ? 'a form' : 'a consent'}` },
      ]);
    }
    const current = await findVersion(tx, row.current_version_id);
    const serialised = JSON.stringify(content);
    if (current && current.name === name && current.content === serialised) return;
    const now = iso(tx.clock.now());
    const versionId = newId();
    const version = row.current_version + 1;
    await insertVersion(tx, {
      id: versionId,
      template_id: row.id,
      version,
      name,
      content: serialised,
      created_by: tx.actor.staffId,
      created_at: now,
    });
    await updateTemplate(tx, row.id, {
      name,
      current_version_id: versionId,
      current_version: version,
      updated_at: now,
    });
    await auditIn(tx, { action: 'document_template.updated', details: { templateId: row.id, version } });
  });
  return getTemplate(ctx, id);
}

/** Archived templates leave the share picker; what was shared from them is untouched. */
export async function setTemplateArchived(ctx: StaffContext, id: string, archived: boolean): Promise<TemplateDetail> {
  await ctx.inTransaction(async (tx) => {
    const row = await getTemplateRow(tx, id);
    if ((row.archived_at !== null) === archived) return;
    const now = iso(tx.clock.now());
    await updateTemplate(tx, row.id, { archived_at: archived ? now : null, updated_at: now });
    await auditIn(tx, {
      action: archived ? 'document_template.archived' : 'document_template.restored',
      details: { templateId: row.id },
    });
  });
  return getTemplate(ctx, id);
}
