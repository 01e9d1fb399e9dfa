import type { FastifyInstance, FastifyRequest } from 'fastify';
import { calendarApi, schedulingSetupApi } from '../../../shared/contract/scheduling.js';
import {
  bookAppointments,
  changeAppointment,
  getCalendar,
  setAppointmentStatus,
  type AppointmentStatusHook,
} from './calendar.service.js';
import { calendarReach } from '../../../shared/permissions.js';
import { AppError } from '../../platform/errors.js';
import { ownerContext, staffContext, staffContextFor, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import {
  createLocation,
  createService,
  editLocation,
  editService,
  getSchedulingSetup,
  setLocationArchived,
  setServiceArchived,
} from './setup.service.js';

/**
 * The context of a member who uses the calendar (owners, schedulers, clinicians), reaching the
 * clients their roles reach (a clinician: their assigned clients); billers are refused (403).
 */
export function calendarContext(request: FastifyRequest): StaffContext {
  if (calendarReach(staffContext(request).actor.roles) === 'none') throw new AppError('forbidden');
  return staffContextFor(request, 'profile', { area: true });
}

export interface SchedulingRouteHooks {
  /** Runs in the transaction that sets appointments' statuses (billing's billable items). */
  onStatusSet: AppointmentStatusHook;
}

/** Settings → Services and Locations (owners change them; everyone who books reads them), and the calendar. */
export function schedulingRoutes(hooks: SchedulingRouteHooks) {
  return async function registerSchedulingRoutes(app: FastifyInstance): Promise<void> {
    route(app, schedulingSetupApi.get, async (request) => getSchedulingSetup(calendarContext(request)));
    route(app, schedulingSetupApi.createService, async (request) => createService(ownerContext(request), request.body));
    route(app, schedulingSetupApi.updateService, async (request) =>
      editService(ownerContext(request), request.params.id, request.body),
    );
    route(app, schedulingSetupApi.archiveService, async (request) =>
      setServiceArchived(ownerContext(request), request.params.id, true),
    );
    route(app, schedulingSetupApi.restoreService, async (request) =>
      setServiceArchived(ownerContext(request), request.params.id, false),
    );
    route(app, schedulingSetupApi.createLocation, async (request) =>
      createLocation(ownerContext(request), request.body),
    );
    route(app, schedulingSetupApi.updateLocation, async (request) =>
      editLocation(ownerContext(request), request.params.id, request.body),
    );
    route(app, schedulingSetupApi.archiveLocation, async (request) =>
      setLocationArchived(ownerContext(request), request.params.id, true),
    );
    route(app, schedulingSetupApi.restoreLocation, async (request) =>
      setLocationArchived(ownerContext(request), request.params.id, false),
    );

    route(app, calendarApi.get, async (request) => getCalendar(calendarContext(request), request.query));
    route(app, calendarApi.create, async (request) => bookAppointments(calendarContext(request), request.body));
    route(app, calendarApi.update, async (request) =>
      changeAppointment(calendarContext(request), request.params.id, request.body),
    );
    route(app, calendarApi.setStatus, async (request) =>
      setAppointmentStatus(calendarContext(request), request.params.id, request.body, hooks.onStatusSet),
    );
  };
}
