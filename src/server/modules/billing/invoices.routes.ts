import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { invoicesApi } from '../../../shared/contract/invoices.js';
import { mayDo } from '../../../shared/permissions.js';
import { sendDownload } from '../../platform/downloads.js';
import { AppError } from '../../platform/errors.js';
import { staffContextFor, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import {
  changeItemFee,
  createInvoice,
  getInvoice,
  listClientInvoices,
  reissueInvoice,
  staffInvoicePdf,
  voidInvoice,
} from './invoices.service.js';

/** Reading invoices: owners, billers and the client's clinicians; schedulers 403; another client 404. */
const reading = (request: FastifyRequest): StaffContext => staffContextFor(request, 'billing', { area: true });

/** Issuing, voiding and correcting: owners and billers. */
function managing(request: FastifyRequest): StaffContext {
  const ctx = reading(request);
  if (!mayDo(ctx.actor.roles, 'manage_billing')) throw new AppError('forbidden');
  return ctx;
}

export async function invoiceRoutes(app: FastifyInstance): Promise<void> {
  route(app, invoicesApi.list, async (request) => listClientInvoices(reading(request), request.params.id));
  route(app, invoicesApi.create, async (request) => createInvoice(managing(request), request.params.id, request.body));
  route(app, invoicesApi.get, async (request) => getInvoice(reading(request), request.params.id));
  route(app, invoicesApi.void, async (request) => voidInvoice(managing(request), request.params.id, request.body));
  route(app, invoicesApi.reissue, async (request) =>
    reissueInvoice(managing(request), request.params.id, request.body),
  );
  route(app, invoicesApi.updateItem, async (request) =>
    changeItemFee(managing(request), request.params.id, request.body.feeMinor),
  );
  route(app, invoicesApi.pdf, async (request, reply) => {
    const pdf = await staffInvoicePdf(reading(request), request.params.id);
    return sendDownload(reply, {
      fileName: pdf.fileName,
      contentType: 'application/pdf',
      sizeBytes: pdf.bytes.length,
      stream: Readable.from(Buffer.from(pdf.bytes)),
    });
  });
}
