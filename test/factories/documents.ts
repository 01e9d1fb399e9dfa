import type { AppDeps } from '../../src/server/deps.js';
import { shareDocuments } from '../../src/server/modules/documents/shares.service.js';
import { createTemplate } from '../../src/server/modules/documents/templates.service.js';
import type { TemplateContentInput } from '../../src/shared/schemas/document-templates.js';
import type { TemplateDetail } from '../../src/shared/schemas/documents.js';
import { factoryStaffContext } from './contexts.js';

/** A short form: a required name, a choice and a required signature. */
export const sampleFormContent: TemplateContentInput = {
  kind: 'form',
  questions: [
    { id: 'name', kind: 'short_text', label: 'Full name', required: true },
    { id: 'contact', kind: 'single_choice', label: 'Best way to reach you', options: ['Phone', 'Email'] },
    { id: 'signature', kind: 'signature', label: 'Sign to confirm', required: true },
  ],
};

/** A template made through the service, by the practice's owner unless `staffId` says who. */
export async function createDocumentTemplate(
  deps: AppDeps,
  practiceId: string,
  overrides: { name?: string; content?: TemplateContentInput; staffId?: string } = {},
): Promise<TemplateDetail> {
  const ctx = await factoryStaffContext(deps, practiceId, overrides.staffId);
  return createTemplate(ctx, {
    name: overrides.name ?? 'Intake form',
    content: overrides.content ?? sampleFormContent,
  });
}

/**
 * Shares templates with a client through the service. The client must have active portal access,
 * or `invitation` must name the email to invite them at.
 */
export async function shareWithClient(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  templateIds: string[],
  more: { dueDate?: string; invitation?: { emailId: string; message: string }; staffId?: string } = {},
): Promise<void> {
  const ctx = await factoryStaffContext(deps, practiceId, more.staffId);
  await shareDocuments(ctx, clientId, {
    templateIds,
    dueDate: more.dueDate ?? null,
    message: null,
    invitation: more.invitation ?? null,
  });
}
