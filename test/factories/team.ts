import type { StaffRole } from '../../src/server/db/schema.js';
import type { AppDeps } from '../../src/server/deps.js';
import { inviteMember } from '../../src/server/modules/team/team.service.js';
import { newId } from '../../src/server/platform/tokens.js';
import { factoryStaffContext } from './contexts.js';

export interface FactoryInvitation {
  id: string;
  email: string;
  name: string;
  /** The token of the emailed link (only its hash is stored). */
  token: string;
}

/** The token in the latest team invitation emailed to `email` (the link's `#token=`); advance the clock between sendings. */
export async function invitationTokenFor(deps: Pick<AppDeps, 'db'>, email: string): Promise<string> {
  const latest = await deps.db
    .selectFrom('outbox')
    .select(['text'])
    .where('kind', '=', 'team_invitation')
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const token = /accept-invitation#token=([A-Za-z0-9_-]+)/.exec(latest?.text ?? '')?.[1];
  if (!token) throw new Error(`no team invitation emailed to ${email}`);
  return token;
}

/** An invitation to the practice's team, made by its first owner through the service. */
export async function createInvitation(
  deps: AppDeps,
  practiceId: string,
  overrides: { email?: string; name?: string; roles?: StaffRole[]; message?: string | null } = {},
): Promise<FactoryInvitation> {
  const email = overrides.email ?? `invitee-${newId().slice(0, 8)}@example.test`;
  const name = overrides.name ?? 'Ines Invitee';
  const team = await inviteMember(await factoryStaffContext(deps, practiceId), {
    name,
    email,
    roles: overrides.roles ?? ['clinician'],
    message: overrides.message ?? null,
  });
  const invitation = team.invitations.find((candidate) => candidate.email === email);
  if (!invitation) throw new Error('the invitation is not in the team list');
  return { id: invitation.id, email, name, token: await invitationTokenFor(deps, email) };
}
