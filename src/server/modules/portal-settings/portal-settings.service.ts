import type { PortalSettings } from '../../../shared/schemas/portal-access.js';
import type { z } from 'zod';
import type { portalSettingsBody } from '../../../shared/schemas/portal-access.js';
import type { Db } from '../../db/database.js';
import type { PortalSettingsTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { PracticeScope, RequestMeta, StaffActor } from '../../platform/context.js';
import { getPractice } from '../practices/practices.queries.js';
import { defaultPortalSettings, findPortalSettings, savePortalSettings } from './portal-settings.queries.js';

export function portalUrl(deps: Pick<AppDeps, 'config'>, slug: string): string {
  return `${deps.config.publicUrl}/portal/${slug}`;
}

export async function loadPortalSettings(
  deps: Pick<AppDeps, 'clock'> & { db: Db },
  scope: PracticeScope,
): Promise<PortalSettingsTable> {
  return (await findPortalSettings(deps.db, scope)) ?? defaultPortalSettings(scope.practiceId, iso(deps.clock.now()));
}

export async function getPortalSettingsView(deps: AppDeps, scope: PracticeScope): Promise<PortalSettings> {
  const [settings, practice] = await Promise.all([loadPortalSettings(deps, scope), getPractice(deps.db, scope)]);
  return {
    enabled: settings.enabled === 1,
    portalUrl: portalUrl(deps, practice.slug),
    defaults: {
      appointments: settings.default_appointments === 1,
      messaging: settings.default_messaging === 1,
      billing: settings.default_billing === 1,
      pay: settings.default_pay === 1,
    },
    welcomeMessage: settings.welcome_message,
    paymentsActive: settings.payments_active === 1,
    messagingEnabled: settings.messaging_enabled === 1,
  };
}

/**
 * Saves the practice-wide portal settings. Switching the portal off ends every client session of
 * the practice at once; each client's own access is kept, so switching it on again restores it.
 */
export async function updatePortalSettings(
  deps: AppDeps,
  actor: StaffActor,
  meta: RequestMeta,
  body: z.infer<typeof portalSettingsBody>,
): Promise<PortalSettings> {
  const scope = { practiceId: actor.practiceId };
  await deps.db.transaction().execute(async (trx) => {
    const current = await loadPortalSettings({ db: trx, clock: deps.clock }, scope);
    const next: PortalSettingsTable = {
      ...current,
      enabled: body.enabled ? 1 : 0,
      welcome_message: body.welcomeMessage,
      default_appointments: body.defaults.appointments ? 1 : 0,
      default_messaging: body.defaults.messaging ? 1 : 0,
      default_billing: body.defaults.billing ? 1 : 0,
      default_pay: body.defaults.pay ? 1 : 0,
      messaging_enabled: body.messagingEnabled === undefined ? current.messaging_enabled : body.messagingEnabled ? 1 : 0,
      updated_at: iso(deps.clock.now()),
    };
    await savePortalSettings(trx, next);
    if (current.enabled !== next.enabled) {
      if (next.enabled === 0) {
        await trx.deleteFrom('sessions').where('kind', '=', 'client').where('practice_id', '=', scope.practiceId).execute();
      }
      await audit(trx, deps.clock, actor, meta, {
        action: next.enabled ? 'portal.practice_enabled' : 'portal.practice_disabled',
        practiceId: scope.practiceId,
      });
    }
    await audit(trx, deps.clock, actor, meta, { action: 'portal.settings_updated', practiceId: scope.practiceId });
  });
  return getPortalSettingsView(deps, scope);
}
