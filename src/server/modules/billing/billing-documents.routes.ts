import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { billingDocumentsApi } from '../../../shared/contract/billing-documents.js';
import { mayDo } from '../../../shared/permissions.js';
import { sendDownload } from '../../platform/downloads.js';
import { AppError } from '../../platform/errors.js';
import { staffContextFor, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { billingDocumentPdf, listClientDocuments } from './billing-documents.service.js';
import { createStatement } from './statements.service.js';
import { createSuperbill } from './superbills.service.js';

/** Owners, billers and the client's clinicians read them; schedulers have no part in billing (403). */
const reading = (request: FastifyRequest): StaffContext => staffContextFor(request, 'billing', { area: true });

/** Owners and billers create them. */
function creating(request: FastifyRequest): StaffContext {
  const ctx = reading(request);
  if (!mayDo(ctx.actor.roles, 'manage_billing')) throw new AppError('forbidden');
  return ctx;
}

function sendPdf(reply: FastifyReply, pdf: { fileName: string; bytes: Uint8Array }): FastifyReply {
  return sendDownload(reply, {
    fileName: pdf.fileName,
    contentType: 'application/pdf',
    sizeBytes: pdf.bytes.byteLength,
    stream: Readable.from([Buffer.from(pdf.bytes)]),
  });
}

/** A client's statements and superbills (decision 041). */
export async function billingDocumentRoutes(app: FastifyInstance): Promise<void> {
  const api = billingDocumentsApi;
  route(app, api.statements, async (request) => listClientDocuments(reading(request), request.params.id, 'statement'));
  route(app, api.superbills, async (request) => listClientDocuments(reading(request), request.params.id, 'superbill'));
  route(app, api.createStatement, async (request) =>
    createStatement(creating(request), request.params.id, request.body),
  );
  route(app, api.createSuperbill, async (request) =>
    createSuperbill(creating(request), request.params.id, request.body),
  );
  route(app, api.statementPdf, async (request, reply) =>
    sendPdf(
      reply,
      await billingDocumentPdf(reading(request), request.params.clientId, request.params.documentId, 'statement'),
    ),
  );
  route(app, api.superbillPdf, async (request, reply) =>
    sendPdf(
      reply,
      await billingDocumentPdf(reading(request), request.params.clientId, request.params.documentId, 'superbill'),
    ),
  );
}
