import type { FastifyInstance } from 'fastify';
import { practiceFormatsApi } from '../../../shared/contract/practice-formats.js';
import { ownerContext, staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { getDateTimeFormat, updateDateTimeFormat } from './practice-formats.service.js';

export async function practiceFormatRoutes(app: FastifyInstance): Promise<void> {
  route(app, practiceFormatsApi.get, async (request) => getDateTimeFormat(staffContext(request)));
  route(app, practiceFormatsApi.update, async (request) => updateDateTimeFormat(ownerContext(request), request.body));
}
