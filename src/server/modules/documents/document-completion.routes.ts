import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { completedDocumentsApi, portalDocumentsApi } from '../../../shared/contract/portal-documents.js';
import { sendDownload } from '../../platform/downloads.js';
import { staffContextFor } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { readSingleFile, singleFileLimits } from '../../platform/uploads.js';
import { portalClient } from '../portal-auth/index.js';
import {
  countPortalDocumentsToComplete,
  getCompletedDocument,
  getPortalDocument,
  listPortalDocuments,
  openClientFile,
  openDocumentPdf,
  openPortalDocument,
  saveDraft,
  submitDocument,
} from './document-completion.service.js';
import {
  attachQuestionFile,
  checkQuestionFileTarget,
  openQuestionFile,
  removeQuestionFile,
} from './document-uploads.service.js';

/**
 * The client's Documents in the portal. Any client with portal access has them: the four portal
 * permissions (appointments, messaging, billing, payments) do not cover documents.
 */
export async function portalDocumentRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: singleFileLimits });
  const client = async (request: FastifyRequest & { params: { slug: string } }) =>
    (await portalClient(request, request.params.slug)).ctx;

  route(app, portalDocumentsApi.list, async (request) => listPortalDocuments(await client(request)));
  route(app, portalDocumentsApi.toComplete, async (request) => countPortalDocumentsToComplete(await client(request)));
  route(app, portalDocumentsApi.get, async (request) =>
    getPortalDocument(await client(request), request.params.documentId),
  );
  route(app, portalDocumentsApi.open, async (request) =>
    openPortalDocument(await client(request), request.params.documentId),
  );
  route(app, portalDocumentsApi.saveDraft, async (request) =>
    saveDraft(await client(request), request.params.documentId, request.body.answers),
  );
  route(app, portalDocumentsApi.submit, async (request) =>
    submitDocument(await client(request), request.params.documentId, request.body.answers),
  );
  route(app, portalDocumentsApi.uploadQuestionFile, async (request) => {
    const ctx = await client(request);
    const { documentId, questionId } = request.params;
    // Another client's document, a completed one or a question that takes no file is refused
    // before the upload is read.
    await checkQuestionFileTarget(ctx, documentId, questionId);
    const file = await readSingleFile(request, ctx, { field: 'file', kind: 'documents' });
    return attachQuestionFile(ctx, documentId, questionId, file);
  });
  route(app, portalDocumentsApi.removeQuestionFile, async (request) =>
    removeQuestionFile(await client(request), request.params.documentId, request.params.questionId),
  );
  route(app, portalDocumentsApi.questionFile, async (request, reply) => {
    const ctx = await client(request);
    const file = await openQuestionFile(ctx, ctx.actor.clientId, request.params.documentId, request.params.fileId, {
      completedOnly: false,
    });
    return sendDownload(reply, file);
  });
  route(app, portalDocumentsApi.pdf, async (request, reply) => {
    const ctx = await client(request);
    const pdf = await openDocumentPdf(ctx, ctx.actor.clientId, request.params.documentId);
    return sendDownload(reply, { ...pdf, contentType: 'application/pdf' });
  });
  route(app, portalDocumentsApi.file, async (request, reply) =>
    sendDownload(reply, await openClientFile(await client(request), request.params.fileId)),
  );
}

/** A client's completed documents as staff read them: owners, and clinicians for their own clients. */
export async function completedDocumentRoutes(app: FastifyInstance): Promise<void> {
  route(app, completedDocumentsApi.get, async (request) =>
    getCompletedDocument(staffContextFor(request, 'documents'), request.params.clientId, request.params.documentId),
  );
  route(app, completedDocumentsApi.pdf, async (request, reply) => {
    const pdf = await openDocumentPdf(
      staffContextFor(request, 'documents'),
      request.params.clientId,
      request.params.documentId,
    );
    return sendDownload(reply, { ...pdf, contentType: 'application/pdf' });
  });
  route(app, completedDocumentsApi.file, async (request, reply) => {
    const { clientId, documentId, fileId } = request.params;
    const file = await openQuestionFile(staffContextFor(request, 'documents'), clientId, documentId, fileId, {
      completedOnly: true,
    });
    return sendDownload(reply, file);
  });
}
