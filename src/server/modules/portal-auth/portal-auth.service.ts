import type { LinkProblem } from '../../../shared/schemas/portal.js';
import type { Db } from '../../db/database.js';
import type { PortalTokensTable, PracticesTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createSession, type NewSession } from '../../platform/sessions.js';
import { getClient } from '../clients/clients.queries.js';
import { findAccess, findUsableAccessByEmail, saveAccess } from '../portal-access/portal-access.queries.js';
import { sendPortalLink } from '../portal-access/portal-links.js';
import { LIVE_LINKS, MAX_CODE_ATTEMPTS, codeMatches } from '../portal-access/portal-tokens.js';
import { legacyScope } from '../../platform/request-context.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { findPracticeBySlug } from '../practices/index.js';
import { claimToken, findTokenByValue, liveCodes, newestUnusedLinkIds, spendCodeTries } from './portal-tokens.queries.js';

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

async function portalEnabled(db: Db, deps: Pick<AppDeps, 'clock'>, practiceId: string): Promise<boolean> {
  return (await loadPortalSettings(legacyScope(db, { practiceId }, deps.clock))).enabled === 1;
}

/**
 * Emails a sign-in link to every client of the practice whose portal access uses this address.
 * The caller answers the same whatever happens here, so nobody learns which emails have access.
 */
export async function requestSignInLink(deps: AppDeps, practice: PracticesTable, email: string, meta: RequestMeta): Promise<void> {
  const scope = { practiceId: practice.id };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await portalEnabled(trx, deps, practice.id))) return;
    const accesses = await findUsableAccessByEmail(trx, scope, email);
    for (const access of accesses) {
      const client = await getClient(trx, scope, access.client_id);
      await sendPortalLink(trx, deps, { practice, client, to: email });
      await audit(trx, deps.clock, { kind: 'anonymous' }, meta, {
        action: 'portal.sign_in_link_requested',
        practiceId: practice.id,
        clientId: client.id,
      });
    }
  });
}

async function linkProblem(deps: AppDeps, practice: PracticesTable, token: PortalTokensTable | undefined): Promise<LinkProblem | null> {
  if (!token || token.practice_id !== practice.id || token.kind === 'staff_code') return 'invalid';
  if (token.revoked_at) return 'unavailable';
  if (token.used_at) return 'used';
  if (token.expires_at <= iso(deps.clock.now())) return 'expired';
  const access = await findAccess(deps.db, { practiceId: practice.id }, token.client_id);
  const client = await getClient(deps.db, { practiceId: practice.id }, token.client_id);
  const usable = access && (access.state === 'invited' || access.state === 'active') && client.archived_at === null;
  if (!usable || access.email_address !== token.email_address || !(await portalEnabled(deps.db, deps, practice.id))) {
    return 'unavailable';
  }
  const live = await newestUnusedLinkIds(deps.db, token.client_id, LIVE_LINKS);
  return live.includes(token.id) ? null : 'superseded';
}

/** Consumes the token and every other unused one of the client, activates access and opens a session. */
async function completeSignIn(
  deps: AppDeps,
  token: PortalTokensTable,
  method: 'link' | 'code',
  meta: RequestMeta,
): Promise<NewSession | null> {
  return deps.db.transaction().execute(async (trx) => {
    const now = iso(deps.clock.now());
    if (!(await claimToken(trx, token, now))) return null;
    const scope = { practiceId: token.practice_id };
    const access = await findAccess(trx, scope, token.client_id);
    if (!access) return null;
    await saveAccess(trx, {
      ...access,
      state: 'active',
      first_signed_in_at: access.first_signed_in_at ?? now,
      last_signed_in_at: now,
      updated_at: now,
    });
    const session = await createSession(
      deps,
      { kind: 'client', subjectId: token.client_id, practiceId: token.practice_id, meta },
      trx,
    );
    await audit(trx, deps.clock, { kind: 'client-id', clientId: token.client_id }, meta, {
      action: 'portal.signed_in',
      practiceId: token.practice_id,
      clientId: token.client_id,
      details: { method: method === 'code' && token.kind === 'staff_code' ? 'staff_code' : method },
    });
    return session;
  });
}

async function failLink(deps: AppDeps, practice: PracticesTable, token: PortalTokensTable | undefined, problem: LinkProblem, meta: RequestMeta): Promise<never> {
  const ours = token && token.practice_id === practice.id;
  await audit(deps.db, deps.clock, { kind: 'anonymous' }, meta, {
    action: 'portal.link_failed',
    practiceId: practice.id,
    clientId: ours ? token.client_id : null,
    details: { reason: problem },
  });
  throw new AppError('link_problem', problemMessages[problem], undefined, problem);
}

export async function signInWithLink(deps: AppDeps, practice: PracticesTable, tokenValue: string, meta: RequestMeta): Promise<NewSession> {
  const token = await findTokenByValue(deps.db, tokenValue);
  const problem = await linkProblem(deps, practice, token);
  if (problem || !token) return failLink(deps, practice, token, problem ?? 'invalid', meta);
  const session = await completeSignIn(deps, token, 'link', meta);
  // Lost a race with a concurrent use of the same link: it is used now.
  return session ?? failLink(deps, practice, token, 'used', meta);
}

export async function signInWithCode(
  deps: AppDeps,
  practice: PracticesTable,
  input: { email: string; code: string },
  meta: RequestMeta,
): Promise<NewSession> {
  const now = iso(deps.clock.now());
  const scope = { practiceId: practice.id };
  const enabled = await portalEnabled(deps.db, deps, practice.id);
  const accesses = enabled ? await findUsableAccessByEmail(deps.db, scope, input.email) : [];
  const candidates = (await liveCodes(deps.db, accesses.map((a) => a.client_id), now, MAX_CODE_ATTEMPTS)).filter(
    (token) => token.email_address === input.email,
  );
  // A try is spent before the code is checked, right or wrong: a code that signs in is used up anyway.
  const tried = new Set(await spendCodeTries(deps.db, candidates.map((t) => t.id), MAX_CODE_ATTEMPTS));
  const match = candidates.find((token) => tried.has(token.id) && codeMatches(deps.config.sessionSecret, token, input.code));
  const session = match ? await completeSignIn(deps, match, 'code', meta) : null;
  if (session) return session;
  await audit(deps.db, deps.clock, { kind: 'anonymous' }, meta, {
    action: 'portal.code_failed',
    practiceId: practice.id,
    clientId: accesses.length === 1 ? (accesses[0]?.client_id ?? null) : null,
  });
  throw new AppError('code_invalid');
}

/** "Email me a new link" from a link that did not work: a new link goes to the access's email, if any. */
export async function requestLinkAgain(deps: AppDeps, practice: PracticesTable, tokenValue: string, meta: RequestMeta): Promise<void> {
  const token = await findTokenByValue(deps.db, tokenValue);
  if (!token || token.practice_id !== practice.id) return;
  const access = await findAccess(deps.db, { practiceId: practice.id }, token.client_id);
  if (!access?.email_address || access.email_address !== token.email_address) return;
  await requestSignInLink(deps, practice, access.email_address, meta);
}
