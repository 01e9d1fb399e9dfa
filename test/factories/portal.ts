import type { PortalTokenKind } from '../../src/server/db/schema.js';
import type { AppDeps } from '../../src/server/deps.js';
import { listClientEmails } from '../../src/server/modules/clients/index.js';
import { documentsWaitingFor } from '../../src/server/modules/documents/index.js';
import { findAccess, invite, issuePortalToken } from '../../src/server/modules/portal-access/index.js';
import { disable, savePermissions } from '../../src/server/modules/portal-access/portal-access.service.js';
import { CODE_MINUTES, type IssuedToken } from '../../src/server/modules/portal-access/portal-tokens.js';
import { signInWithLink } from '../../src/server/modules/portal-auth/portal-auth.service.js';
import { loadPortalSettings } from '../../src/server/modules/portal-settings/index.js';
import { addMinutes, iso } from '../../src/server/platform/clock.js';
import { systemContext } from '../../src/server/platform/request-context.js';
import type { NewSession } from '../../src/server/platform/sessions.js';
import type { PortalPermissions } from '../../src/shared/schemas/portal-access.js';
import { factoryStaffContext, factoryVisitorContext } from './contexts.js';

export interface PortalAccessOptions {
  state: 'invited' | 'active' | 'disabled';
  /** The client email invited (default: the primary email with Email OK on, else the first with it on). */
  emailId?: string;
  /** Changes to the practice's default permissions, saved before the invitation. */
  permissions?: Partial<PortalPermissions>;
  /** The staff member who invites, changes permissions and disables (default: the practice's owner). */
  staffId?: string;
}

export interface FactoryPortalAccess {
  state: PortalAccessOptions['state'];
  emailId: string;
  emailAddress: string;
  /** The portal session the sign-in opened, for `active` (its unsigned cookie value and CSRF token); else null. */
  session: NewSession | null;
}

/**
 * A client's Client Portal access, made the way staff and the client make it, so every row (access,
 * tokens, outbox, sessions, audit) is what the app writes:
 * - `invited`: the portal-access service's `invite`, as the staff member (the welcome email is queued
 *   in the outbox with the practice's welcome message);
 * - `active`: invited, then a fresh sign-in link is redeemed by portal-auth's `signInWithLink`, as a
 *   visitor on the portal would (every unused link is used up and a client session is opened);
 * - `disabled`: invited (never signed in), then the service's `disable`.
 * The practice's portal must be on (it is unless a test switched it off).
 */
export async function createPortalAccess(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  options: PortalAccessOptions,
): Promise<FactoryPortalAccess> {
  const staff = await factoryStaffContext(deps, practiceId, options.staffId);
  const settings = await loadPortalSettings(staff);
  if (options.permissions) {
    const wanted = options.permissions;
    const current = await findAccess(staff, clientId);
    const flag = (saved: 0 | 1 | undefined, fallback: 0 | 1) => (saved ?? fallback) === 1;
    await savePermissions(staff, clientId, {
      appointments: wanted.appointments ?? flag(current?.perm_appointments, settings.default_appointments),
      messaging: wanted.messaging ?? flag(current?.perm_messaging, settings.default_messaging),
      billing: wanted.billing ?? flag(current?.perm_billing, settings.default_billing),
      pay: wanted.pay ?? flag(current?.perm_pay, settings.default_pay),
    });
  }
  const emails = await listClientEmails(staff, [clientId]);
  const consenting = emails.filter((e) => e.email_ok === 1);
  const email =
    options.emailId === undefined
      ? (consenting.find((e) => e.is_primary === 1) ?? consenting[0])
      : emails.find((e) => e.id === options.emailId);
  if (!email) throw new Error(`client ${clientId} has no ${options.emailId ?? 'consenting'} email to invite`);
  await invite(staff, clientId, { emailId: email.id, message: settings.welcome_message }, documentsWaitingFor);

  let session: NewSession | null = null;
  if (options.state === 'active') {
    const link = await issuePortalToken(systemContext(deps, practiceId), {
      clientId,
      kind: 'link',
      emailAddress: email.address,
    });
    if (!link.token) throw new Error('a link was issued without a token');
    session = await signInWithLink(factoryVisitorContext(deps, practiceId), link.token);
  } else if (options.state === 'disabled') {
    await disable(staff, clientId);
  }
  return { state: options.state, emailId: email.id, emailAddress: email.address, session };
}

export interface PortalTokenOptions {
  kind: PortalTokenKind;
  /** Issued long enough ago that it has expired (link, invitation and code alike). */
  expired?: boolean;
  /** Already used, as if redeemed (only this token; the client's others stay as they are). */
  used?: boolean;
}

export interface FactoryPortalToken extends IssuedToken {
  kind: PortalTokenKind;
}

/**
 * A sign-in link (`link`, `invitation`) or a staff-read code (`staff_code`) issued by portal-access's
 * `issuePortalToken`, for the address of the client's access (none when the client has no access).
 * It returns the raw link token (null for a code) and the 6-digit code, which are stored only
 * hashed. No email is sent. To sign in with it, the client needs invited or active access first
 * (`createPortalAccess`), and a link works only while it is among the client's newest unused ones.
 * `expired` issues it in the past, as the service would have then; `used` stamps its `used_at`
 * straight in the table (signing in would also use up the client's other tokens and open a session).
 */
export async function createPortalToken(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  options: PortalTokenOptions,
): Promise<FactoryPortalToken> {
  const ctx = systemContext(deps, practiceId);
  const access = await findAccess(ctx, clientId);
  const lifetimeMinutes =
    options.kind === 'staff_code'
      ? CODE_MINUTES
      : 60 * (options.kind === 'invitation' ? deps.config.portalInvitationHours : deps.config.portalLinkHours);
  const issuedAt = options.expired ? addMinutes(deps.clock.now(), -lifetimeMinutes - 1) : deps.clock.now();
  const issued = await issuePortalToken(
    { ...ctx, clock: { now: () => new Date(issuedAt) } },
    { clientId, kind: options.kind, emailAddress: access?.email_address ?? null },
  );
  if (options.used) {
    await deps.db
      .updateTable('portal_tokens')
      .set({ used_at: iso(deps.clock.now()), claimed_by: issued.id })
      .where('practice_id', '=', practiceId)
      .where('id', '=', issued.id)
      .execute();
  }
  return { ...issued, kind: options.kind };
}
