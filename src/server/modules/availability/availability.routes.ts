import type { FastifyInstance } from 'fastify';
import { availabilityApi } from '../../../shared/contract/availability.js';
import { staffContext, staffContextAllowed } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import {
  addTimeOff,
  getAvailability,
  getRequestSettings,
  removeTimeOff,
  saveWeeklyBlocks,
  updateRequestSettings,
} from './availability.service.js';

export async function availabilityRoutes(app: FastifyInstance): Promise<void> {
  route(app, availabilityApi.get, async (request) =>
    getAvailability(staffContext(request), request.params.clinicianId),
  );
  route(app, availabilityApi.saveBlocks, async (request) =>
    saveWeeklyBlocks(staffContext(request), request.params.clinicianId, request.body),
  );
  route(app, availabilityApi.addTimeOff, async (request) =>
    addTimeOff(staffContext(request), request.params.clinicianId, request.body),
  );
  route(app, availabilityApi.removeTimeOff, async (request) => {
    await removeTimeOff(staffContext(request), request.params.clinicianId, request.params.id);
    return { ok: true as const };
  });
  route(app, availabilityApi.requestSettings, async (request) =>
    getRequestSettings(staffContextAllowed(request, 'manage_practice')),
  );
  route(app, availabilityApi.saveRequestSettings, async (request) =>
    updateRequestSettings(staffContextAllowed(request, 'manage_practice'), request.body),
  );
}
