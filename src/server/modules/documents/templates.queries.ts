import type { DocumentTemplatesTable, DocumentTemplateVersionsTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/** Templates and their versions: every query takes the Scope and filters on its practice. */

export type TemplateRow = DocumentTemplatesTable;
export type TemplateVersionRow = DocumentTemplateVersionsTable;

export async function listTemplateRows(scope: Scope, archived: boolean): Promise<TemplateRow[]> {
  return scope.db
    .selectFrom('document_templates')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('archived_at', archived ? 'is not' : 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findTemplate(scope: Scope, id: string): Promise<TemplateRow | undefined> {
  return scope.db
    .selectFrom('document_templates')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findTemplatesByIds(scope: Scope, ids: readonly string[]): Promise<TemplateRow[]> {
  if (ids.length === 0) return [];
  return scope.db
    .selectFrom('document_templates')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', 'in', ids)
    .execute();
}

export async function findVersion(scope: Scope, id: string): Promise<TemplateVersionRow | undefined> {
  return scope.db
    .selectFrom('document_template_versions')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findVersionsByIds(scope: Scope, ids: readonly string[]): Promise<TemplateVersionRow[]> {
  if (ids.length === 0) return [];
  return scope.db
    .selectFrom('document_template_versions')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', 'in', ids)
    .execute();
}

/** Each version's number, when and by whom (the author's name), newest first. */
export async function listVersionSummaries(scope: Scope, templateId: string) {
  return scope.db
    .selectFrom('document_template_versions as v')
    .leftJoin('staff_users as s', 's.id', 'v.created_by')
    .select(['v.version', 'v.created_at', 's.name as created_by_name'])
    .where('v.practice_id', '=', scope.practiceId)
    .where('v.template_id', '=', templateId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** Adds a template unless the practice already has one of its starter key; says whether it did. */
export async function insertTemplate(scope: Scope, row: Omit<TemplateRow, 'practice_id'>): Promise<boolean> {
  const result = await scope.db
    .insertInto('document_templates')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.columns(['practice_id', 'starter_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertVersion(scope: Scope, row: Omit<TemplateVersionRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('document_template_versions')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function updateTemplate(
  scope: Scope,
  id: string,
  changes: Partial<Pick<TemplateRow, 'name' | 'current_version_id' | 'current_version' | 'updated_at' | 'archived_at'>>,
): Promise<void> {
  await scope.db
    .updateTable('document_templates')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

/** The starter keys the practice already has templates of (archived ones too). */
export async function listStarterKeys(scope: Scope): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('document_templates')
    .select('starter_key')
    .where('practice_id', '=', scope.practiceId)
    .where('starter_key', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.starter_key ? [r.starter_key] : []));
}
