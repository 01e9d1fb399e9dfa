import type { FastifyInstance } from 'fastify';
import { portalAppointmentsApi, requestsApi } from '../../../shared/contract/appointment-requests.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { portalClient } from '../portal-auth/index.js';
import { acceptRequest, countRequestInbox, declineRequest, getRequestInbox } from './requests.inbox.js';
import {
  cancelAppointment,
  cancelRequest,
  getFreeSlots,
  getPortalAppointments,
  getRequestOptions,
  requestAppointment,
  setClientTimeZone,
} from './requests.portal.js';

/** The client's Appointments page: only their own appointments and requests. */
export async function portalAppointmentRoutes(app: FastifyInstance): Promise<void> {
  route(app, portalAppointmentsApi.overview, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    return getPortalAppointments(ctx);
  });
  route(app, portalAppointmentsApi.options, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    return getRequestOptions(ctx);
  });
  route(app, portalAppointmentsApi.slots, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    return getFreeSlots(ctx, request.query);
  });
  route(app, portalAppointmentsApi.request, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    return requestAppointment(ctx, request.body);
  });
  route(app, portalAppointmentsApi.cancelRequest, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    await cancelRequest(ctx, request.params.id);
    return { ok: true as const };
  });
  route(app, portalAppointmentsApi.cancelAppointment, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    await cancelAppointment(ctx, request.params.id);
    return { ok: true as const };
  });
  route(app, portalAppointmentsApi.setTimeZone, async (request) => {
    const { ctx } = await portalClient(request, request.params.slug);
    await setClientTimeZone(ctx, request.body.timeZone);
    return { ok: true as const };
  });
}

/** The staff Requests inbox. */
export async function requestInboxRoutes(app: FastifyInstance): Promise<void> {
  route(app, requestsApi.inbox, async (request) => getRequestInbox(staffContext(request)));
  route(app, requestsApi.count, async (request) => countRequestInbox(staffContext(request)));
  route(app, requestsApi.accept, async (request) => acceptRequest(staffContext(request), request.params.id));
  route(app, requestsApi.decline, async (request) => {
    await declineRequest(staffContext(request), request.params.id, request.body.reason);
    return { ok: true as const };
  });
}
