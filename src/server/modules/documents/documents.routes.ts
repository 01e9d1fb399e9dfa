import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { clientDocumentsApi, documentTemplatesApi } from '../../../shared/contract/documents.js';
import { ownerContext, staffContextFor } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { getClient } from '../clients/index.js';
import { readSingleFile, singleFileLimits } from '../../platform/uploads.js';
import { removeSharedClientFile, shareClientFile } from './client-files.service.js';
import { renderConsentHtml } from './consent-html.js';
import {
  cancelDocument,
  refreshedClientDocuments,
  remindDocument,
  shareDocuments,
  viewClientDocuments,
} from './shares.service.js';
import { createTemplate, editTemplate, getTemplate, listTemplates, setTemplateArchived } from './templates.service.js';

/**
 * Settings → Documents and a client's Documents tab. Owners write templates (docs/decisions/032);
 * owners and clinicians read them to share. A client's documents follow the `documents` grant:
 * owners every client's, clinicians their assigned clients', billers and schedulers none.
 */
export async function documentsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: singleFileLimits });

  route(app, documentTemplatesApi.list, async (request) =>
    listTemplates(staffContextFor(request, 'documents', { area: true }), request.query.archived),
  );
  route(app, documentTemplatesApi.get, async (request) =>
    getTemplate(staffContextFor(request, 'documents', { area: true }), request.params.id),
  );
  route(app, documentTemplatesApi.create, async (request) => createTemplate(ownerContext(request), request.body));
  route(app, documentTemplatesApi.update, async (request) =>
    editTemplate(ownerContext(request), request.params.id, request.body),
  );
  route(app, documentTemplatesApi.archive, async (request) =>
    setTemplateArchived(ownerContext(request), request.params.id, true),
  );
  route(app, documentTemplatesApi.restore, async (request) =>
    setTemplateArchived(ownerContext(request), request.params.id, false),
  );
  route(app, documentTemplatesApi.preview, async (request) => {
    ownerContext(request);
    return { html: renderConsentHtml(request.body.markdown) };
  });

  route(app, clientDocumentsApi.get, async (request) =>
    viewClientDocuments(staffContextFor(request, 'documents'), request.params.id),
  );
  route(app, clientDocumentsApi.share, async (request) => {
    const ctx = staffContextFor(request, 'documents');
    await shareDocuments(ctx, request.params.id, request.body);
    return refreshedClientDocuments(ctx, request.params.id);
  });
  route(app, clientDocumentsApi.remind, async (request) => {
    const ctx = staffContextFor(request, 'documents');
    await remindDocument(ctx, request.params.id, request.params.documentId);
    return refreshedClientDocuments(ctx, request.params.id);
  });
  route(app, clientDocumentsApi.cancel, async (request) => {
    const ctx = staffContextFor(request, 'documents');
    await cancelDocument(ctx, request.params.id, request.params.documentId);
    return refreshedClientDocuments(ctx, request.params.id);
  });
  route(app, clientDocumentsApi.uploadFile, async (request) => {
    const ctx = staffContextFor(request, 'documents');
    // A foreign or unknown client is refused before the upload is read.
    await getClient(ctx, request.params.id);
    const file = await readSingleFile(request, ctx, { field: 'file', kind: 'documents' });
    await shareClientFile(ctx, request.params.id, file);
    return refreshedClientDocuments(ctx, request.params.id);
  });
  route(app, clientDocumentsApi.removeFile, async (request) => {
    const ctx = staffContextFor(request, 'documents');
    await removeSharedClientFile(ctx, request.params.id, request.params.fileId);
    return refreshedClientDocuments(ctx, request.params.id);
  });
}
