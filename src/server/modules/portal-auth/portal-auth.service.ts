import type { LinkProblem } from '../../../shared/schemas/portal.js';
import type { PortalTokensTable, PracticesTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Context, VisitorActor } from '../../platform/request-context.js';
import { createSession, type NewSession } from '../../platform/sessions.js';
import { getClient } from '../clients/index.js';
import {
  LIVE_LINKS,
  MAX_CODE_ATTEMPTS,
  claimToken,
  codeMatches,
  findAccess,
  findTokenByValue,
  findUsableAccessByEmail,
  liveCodes,
  newestUnusedLinkIds,
  saveAccess,
  sendPortalLink,
  spendCodeTries,
} from '../portal-access/index.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { findPracticeBySlug } from '../practices/index.js';

/** A visitor on one practice's public portal pages: every lookup stays within that practice. */
type Visitor = Context<VisitorActor>;

const problemMessages: Record<LinkProblem, string> = {
  used: 'This sign-in link has already been used.',
  expired: 'This sign-in link has expired.',
  superseded: 'A newer sign-in link was sent, so this one no longer works.',
  invalid: 'This sign-in link is not valid.',
  unavailable: 'This sign-in link no longer works. Your practice may have changed your portal access.',
};

export async function getPortalPractice(deps: Pick<AppDeps, 'db'>, slug: string): Promise<PracticesTable> {
  const practice = await findPracticeBySlug(deps.db, slug);
  if (!practice) throw new AppError('not_found');
  return practice;
}

async function portalEnabled(ctx: Context): Promise<boolean> {
  return (await loadPortalSettings(ctx)).enabled === 1;
}

/**
 * Emails a sign-in link to every client of the practice whose portal access uses this address.
 * The caller answers the same whatever happens here, so nobody learns which emails have access.
 */
export async function requestSignInLink(ctx: Visitor, practice: PracticesTable, email: string): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    if (!(await portalEnabled(tx))) return;
    const accesses = await findUsableAccessByEmail(tx, email);
    for (const access of accesses) {
      const client = await getClient(tx, access.client_id);
      await sendPortalLink(tx, { practice, client, to: email });
      await auditIn(tx, { action: 'portal.sign_in_link_requested', clientId: client.id });
    }
  });
}

async function linkProblem(ctx: Visitor, token: PortalTokensTable | undefined): Promise<LinkProblem | null> {
  if (!token || token.kind === 'staff_code') return 'invalid';
  if (token.revoked_at) return 'unavailable';
  if (token.used_at) return 'used';
  if (token.expires_at <= iso(ctx.clock.now())) return 'expired';
  const access = await findAccess(ctx, token.client_id);
  const client = await getClient(ctx, token.client_id);
  const usable = access && (access.state === 'invited' || access.state === 'active') && client.archived_at === null;
  if (!usable || access.email_address !== token.email_address || !(await portalEnabled(ctx))) return 'unavailable';
  const live = await newestUnusedLinkIds(ctx, token.client_id, LIVE_LINKS);
  return live.includes(token.id) ? null : 'superseded';
}

/** Consumes the token and every other unused one of the client, activates access and opens a session. */
async function completeSignIn(
  ctx: Visitor,
  token: PortalTokensTable,
  method: 'link' | 'code',
): Promise<NewSession | null> {
  return ctx.inTransaction(async (tx) => {
    const now = iso(tx.clock.now());
    if (!(await claimToken(tx, token, now))) return null;
    const access = await findAccess(tx, token.client_id);
    if (!access) return null;
    await saveAccess(tx, {
      ...access,
      state: 'active',
      first_signed_in_at: access.first_signed_in_at ?? now,
      last_signed_in_at: now,
      updated_at: now,
    });
    const session = await createSession(
      tx.deps,
      { kind: 'client', subjectId: token.client_id, practiceId: tx.practiceId, meta: tx.meta },
      tx.db,
    );
    // The client signing in acts here, not the visitor they were a moment ago.
    await auditIn(
      { ...tx, actor: { kind: 'client-id', clientId: token.client_id } },
      {
        action: 'portal.signed_in',
        clientId: token.client_id,
        details: { method: method === 'code' && token.kind === 'staff_code' ? 'staff_code' : method },
      },
    );
    return session;
  });
}

async function failLink(ctx: Visitor, token: PortalTokensTable | undefined, problem: LinkProblem): Promise<never> {
  await auditIn(ctx, {
    action: 'portal.link_failed',
    clientId: token ? token.client_id : null,
    details: { reason: problem },
  });
  throw new AppError('link_problem', problemMessages[problem], undefined, problem);
}

export async function signInWithLink(ctx: Visitor, tokenValue: string): Promise<NewSession> {
  const token = await findTokenByValue(ctx, tokenValue);
  const problem = await linkProblem(ctx, token);
  if (problem || !token) return failLink(ctx, token, problem ?? 'invalid');
  const session = await completeSignIn(ctx, token, 'link');
  // Lost a race with a concurrent use of the same link: it is used now.
  return session ?? failLink(ctx, token, 'used');
}

export async function signInWithCode(ctx: Visitor, input: { email: string; code: string }): Promise<NewSession> {
  const now = iso(ctx.clock.now());
  const accesses = (await portalEnabled(ctx)) ? await findUsableAccessByEmail(ctx, input.email) : [];
  const candidates = (
    await liveCodes(
      ctx,
      accesses.map((a) => a.client_id),
      now,
      MAX_CODE_ATTEMPTS,
    )
  ).filter((token) => token.email_address === input.email);
  // A try is spent before the code is checked, right or wrong: a code that signs in is used up anyway.
  const tried = new Set(
    await spendCodeTries(
      ctx,
      candidates.map((t) => t.id),
      MAX_CODE_ATTEMPTS,
    ),
  );
  const match = candidates.find(
    (token) => tried.has(token.id) && codeMatches(ctx.deps.config.sessionSecret, token, input.code),
  );
  const session = match ? await completeSignIn(ctx, match, 'code') : null;
  if (session) return session;
  await auditIn(ctx, {
    action: 'portal.code_failed',
    clientId: accesses.length === 1 ? (accesses[0]?.client_id ?? null) : null,
  });
  throw new AppError('code_invalid');
}

/** "Email me a new link" from a link that did not work: a new link goes to the access's email, if any. */
export async function requestLinkAgain(ctx: Visitor, practice: PracticesTable, tokenValue: string): Promise<void> {
  const token = await findTokenByValue(ctx, tokenValue);
  if (!token) return;
  const access = await findAccess(ctx, token.client_id);
  if (!access?.email_address || access.email_address !== token.email_address) return;
  await requestSignInLink(ctx, practice, access.email_address);
}
