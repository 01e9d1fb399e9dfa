import type { DemoPortalLink } from '../../../shared/schemas/demo.js';
import type { DemoState } from '../../../shared/schemas/auth.js';
import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { systemContext, type StaffContext } from '../../platform/request-context.js';
import { findClient } from '../clients/index.js';
import { clientDisplayName, findAccess, issuePortalToken, signInUrl } from '../portal-access/index.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { getPractice } from '../practices/index.js';

/**
 * What the staff app learns about the demo: null on every server but the one `npm run demo`
 * starts. The demo client's name only goes to staff signed in to the demo practice.
 */
export async function getDemoState(deps: AppDeps, signedInPracticeId: string | null): Promise<DemoState | null> {
  const demo = deps.config.demo;
  if (!demo) return null;
  const client =
    signedInPracticeId === demo.practiceId
      ? await findClient(systemContext(deps, demo.practiceId), demo.portalClientId)
      : undefined;
  return {
    email: demo.staffEmail,
    password: demo.password,
    portalClient: client ? { name: `${clientDisplayName(client)} ${client.last_name}` } : null,
  };
}

/**
 * Issues a fresh one-time sign-in link for the demo client, as staff of the demo practice, and
 * answers it for the staff member's browser to follow. It is the same link the client would get
 * by email (portal-tokens, stored hashed, single use, valid PORTAL_LINK_HOURS); signing in still
 * goes through the portal's own link redemption. Anyone else: 404 (docs/decisions/018).
 */
export async function issueDemoPortalLink(ctx: StaffContext): Promise<DemoPortalLink> {
  const demo = ctx.deps.config.demo;
  if (!demo || ctx.practiceId !== demo.practiceId) throw new AppError('not_found');
  return ctx.inTransaction(async (tx) => {
    const clientId = demo.portalClientId;
    const access = await findAccess(tx, clientId);
    if ((await loadPortalSettings(tx)).enabled !== 1) {
      throw new AppError('conflict', 'The Client Portal is switched off in Settings, so nobody can sign in to it.');
    }
    if (!access?.email_address || (access.state !== 'active' && access.state !== 'invited')) {
      throw new AppError('conflict', 'The demo client’s portal access was disabled. Send them an invitation first.');
    }
    const issued = await issuePortalToken(tx, { clientId, kind: 'link', emailAddress: access.email_address });
    if (!issued.token) throw new Error('a sign-in link was issued without a token');
    await auditIn(tx, { action: 'portal.demo_link_issued', clientId });
    const practice = await getPractice(tx);
    return { path: signInUrl('', practice.slug, issued.token) };
  });
}
