import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { practiceApi } from '../../../shared/contract/practice.js';
import { ownerContext, staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { notFound } from '../../platform/errors.js';
import { toPracticeSummary } from './practices.dto.js';
import { logoMultipartLimits, readLogo } from './practices.logo.js';
import { getPractice } from './practices.queries.js';
import { getPracticeProfile, removeLogo, replaceLogo, updatePracticeProfile } from './practices.service.js';
import { findCurrentLogo } from './practices.unscoped.js';

export async function practiceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: logoMultipartLimits });

  route(app, practiceApi.get, async (request) => toPracticeSummary(await getPractice(staffContext(request))));

  route(app, practiceApi.profile, async (request) => getPracticeProfile(staffContext(request)));
  route(app, practiceApi.updateProfile, async (request) => updatePracticeProfile(ownerContext(request), request.body));
  route(app, practiceApi.uploadLogo, async (request) => {
    // Only an owner's upload is read at all.
    const ctx = ownerContext(request);
    return replaceLogo(ctx, await readLogo(request));
  });
  route(app, practiceApi.removeLogo, async (request) => removeLogo(ownerContext(request)));

  // Public: the portal's sign-in pages and emails show the logo. Its address names one logo, so
  // a browser may keep it for good; a replaced or removed logo's address answers 404.
  route(app, practiceApi.logo, { config: { cacheable: true } }, async (request, reply) => {
    const { practiceId, logoId } = request.params;
    const logo = await findCurrentLogo(app.deps.db, practiceId, logoId);
    const file = logo?.logo_storage_key ? await app.deps.files.get(logo.logo_storage_key) : null;
    if (!logo?.logo_content_type || !file) throw notFound();
    return reply
      .header('content-type', logo.logo_content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(file.stream);
  });
}
