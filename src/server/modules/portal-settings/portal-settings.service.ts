import type { PortalSettings, PortalSettingsBody } from '../../../shared/schemas/portal-access.js';
import type { PortalSettingsTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { iso, type Clock } from '../../platform/clock.js';
import type { Scope, StaffContext } from '../../platform/request-context.js';
import { getPractice } from '../practices/index.js';
import {
  defaultPortalSettings,
  endClientSessions,
  findPortalSettings,
  savePortalSettings,
} from './portal-settings.queries.js';

export function portalUrl(deps: Pick<AppDeps, 'config'>, slug: string): string {
  return `${deps.config.publicUrl}/portal/${slug}`;
}

/** The practice's portal settings, or the defaults while it has saved none. */
export async function loadPortalSettings(scope: Scope & { clock: Clock }): Promise<PortalSettingsTable> {
  return (await findPortalSettings(scope)) ?? defaultPortalSettings(scope.practiceId, iso(scope.clock.now()));
}

export async function getPortalSettingsView(ctx: Scope & { clock: Clock; deps: AppDeps }): Promise<PortalSettings> {
  const [settings, practice] = await Promise.all([loadPortalSettings(ctx), getPractice(ctx)]);
  return {
    enabled: settings.enabled === 1,
    portalUrl: portalUrl(ctx.deps, practice.slug),
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
export async function updatePortalSettings(ctx: StaffContext, body: PortalSettingsBody): Promise<PortalSettings> {
  await ctx.inTransaction(async (tx) => {
    const current = await loadPortalSettings(tx);
    const next: PortalSettingsTable = {
      ...current,
      enabled: body.enabled ? 1 : 0,
      welcome_message: body.welcomeMessage,
      default_appointments: body.defaults.appointments ? 1 : 0,
      default_messaging: body.defaults.messaging ? 1 : 0,
      default_billing: body.defaults.billing ? 1 : 0,
      default_pay: body.defaults.pay ? 1 : 0,
      messaging_enabled:
        body.messagingEnabled === undefined ? current.messaging_enabled : body.messagingEnabled ? 1 : 0,
      updated_at: iso(tx.clock.now()),
    };
    await savePortalSettings(tx, next);
    if (current.enabled !== next.enabled) {
      if (next.enabled === 0) {
        await endClientSessions(tx);
        // Open portal pages leave at once, once the sessions are gone for good.
        tx.afterCommit(() => tx.deps.live.publish({ practiceId: tx.practiceId, type: 'portal.off', clientId: null }));
      }
      await auditIn(tx, { action: next.enabled ? 'portal.practice_enabled' : 'portal.practice_disabled' });
    }
    await auditIn(tx, { action: 'portal.settings_updated' });
  });
  return getPortalSettingsView(ctx);
}
