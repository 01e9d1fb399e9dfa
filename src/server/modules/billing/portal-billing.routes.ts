import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { portalBillingApi } from '../../../shared/contract/portal-billing.js';
import { sendDownload } from '../../platform/downloads.js';
import type { ClientContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { grantOf, portalClient } from '../portal-auth/index.js';
import { billingDocumentPdf } from './billing-documents.service.js';
import { invoicePdf } from './invoices.service.js';
import { billingOff, getPortalBalances, getPortalBilling } from './portal-billing.service.js';

function sendPdf(reply: FastifyReply, pdf: { fileName: string; bytes: Uint8Array }): FastifyReply {
  return sendDownload(reply, {
    fileName: pdf.fileName,
    contentType: 'application/pdf',
    sizeBytes: pdf.bytes.length,
    stream: Readable.from(Buffer.from(pdf.bytes)),
  });
}

/** The signed-in client of this portal, with Access billing documents on; anyone else is turned away. */
async function billingClient(request: FastifyRequest, slug: string): Promise<ClientContext> {
  const { ctx } = await portalClient(request, slug);
  if (!(await grantOf(ctx))?.billing) throw billingOff();
  return ctx;
}

/** The client's side of billing: only their own, only while their billing permission is on. */
export async function portalBillingRoutes(app: FastifyInstance): Promise<void> {
  route(app, portalBillingApi.balance, async (request) =>
    getPortalBalances(await billingClient(request, request.params.slug)),
  );
  route(app, portalBillingApi.overview, async (request) =>
    getPortalBilling(await billingClient(request, request.params.slug)),
  );
  // The invoices', statements' and superbills' own PDFs (rendered from the snapshot, audited there
  // as the client's download); another client's id is not found.
  route(app, portalBillingApi.invoicePdf, async (request, reply) => {
    const ctx = await billingClient(request, request.params.slug);
    return sendPdf(reply, await invoicePdf(ctx, request.params.invoiceId));
  });
  route(app, portalBillingApi.documentPdf, async (request, reply) => {
    const ctx = await billingClient(request, request.params.slug);
    return sendPdf(reply, await billingDocumentPdf(ctx, ctx.actor.clientId, request.params.documentId));
  });
}
