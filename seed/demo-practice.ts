import type { AppDeps } from '../src/server/deps.js';
import { markConversationRead } from '../src/server/modules/messaging/messaging.service.js';
import { sendMessage } from '../src/server/modules/messaging/messaging.send.js';
import { storeFile } from '../src/server/platform/uploads.js';
import { createClient, getClient, setArchived } from '../src/server/modules/clients/clients.service.js';
import { listClientEmails } from '../src/server/modules/clients/index.js';
import { documentsWaitingFor } from '../src/server/modules/documents/index.js';
import { invite } from '../src/server/modules/portal-access/index.js';
import {
  disable,
  generateSignInCode,
  savePermissions,
} from '../src/server/modules/portal-access/portal-access.service.js';
import {
  getPortalPractice,
  requestSignInLink,
  signInWithLink,
} from '../src/server/modules/portal-auth/portal-auth.service.js';
import { loadPortalSettings } from '../src/server/modules/portal-settings/index.js';
import { createPracticeWithOwner, insertMembership, insertStaff } from '../src/server/modules/staff/index.js';
import type { ManualClock } from '../src/server/platform/clock.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import {
  actingContext,
  signedInStaffContext,
  type ClientContext,
  type StaffContext,
} from '../src/server/platform/request-context.js';
import { newId } from '../src/server/platform/tokens.js';
import type { StaffRole } from '../src/shared/schemas/auth.js';
import { clientInput, type Client } from '../src/shared/schemas/clients.js';
import { demoClients, demoConversations, demoPractice, type DemoClient } from './demo-data.js';
import { demoPdf, demoPng } from './demo-files.js';
import { seedDemoSchedule } from './demo-schedule.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export interface DemoSeedResult {
  practice: { id: string; name: string; slug: string };
  ownerEmail: string;
  password: string;
  clients: number;
  /** The active client with unread messages whom the demo banner opens the portal as. */
  portalClient: { id: string; name: string };
}

/** The services' dependencies, with a clock the seed moves along the demo's history. */
export type DemoDeps = AppDeps & { clock: ManualClock };

/** Where the demo's actions came from in the audit log: this script, not a browser. */
const meta = { ip: '127.0.0.1', userAgent: 'npm run demo' };

/**
 * Seeds the demo practice "Harbour Light Counselling" through the app's own services, as its
 * staff and clients would have used it over the past year and a half: the owner sets the practice
 * up, staff add clients and invite some to the Client Portal, clients sign in with the link in
 * their welcome email (or one they asked the portal for) and write, staff answer with attachments, one client's access is disabled
 * and one client is archived. So every row — access states, sign-in links, queued emails,
 * conversations with their unread counts, stored attachments and the audit trail — is one the
 * app itself writes. Time is moved with the clock in `deps`, so the history has real dates;
 * the services take their time from it, nothing is backdated afterwards.
 *
 * Two things have no service and are written with the staff module's query: the clinician's
 * account (Portico has no "add a staff member" yet) — see docs/decisions/018.
 *
 * It needs a database without practices (the owner's sign-up is the first-run setup).
 */
export async function seedDemoPractice(deps: DemoDeps, now = new Date()): Promise<DemoSeedResult> {
  const { clock } = deps;
  const at = (daysAgo: number, hoursAgo = 0) =>
    clock.set(new Date(now.getTime() - daysAgo * dayMs - hoursAgo * hourMs));
  const oldest = Math.max(...demoClients.map((c) => c.addedDaysAgo));

  at(oldest + 10);
  const created = await createPracticeWithOwner(
    deps,
    {
      practice: { name: demoPractice.name, slug: demoPractice.slug, timeZone: demoPractice.timeZone },
      owner: { ...demoPractice.owner, password: demoPractice.password },
    },
    meta,
    'setup',
  );
  const practiceId = created.practiceId;
  const owner = staffContext(deps, practiceId, created.staffId, ['owner', 'clinician']);
  at(oldest + 9);
  const clinicianId = newId();
  await insertStaff(deps.db, {
    id: clinicianId,
    practice_id: practiceId,
    ...demoPractice.clinician,
    password_hash: await hashPassword(demoPractice.password),
    created_at: clock.now().toISOString(),
    last_sign_in_at: null,
  });
  await insertMembership(deps.db, {
    practiceId,
    staffId: clinicianId,
    roles: ['clinician'],
    createdAt: clock.now().toISOString(),
  });
  const clinician = staffContext(deps, practiceId, clinicianId, ['clinician']);

  // Staff add the clients over time, oldest first.
  const clients = new Map<string, Client>();
  for (const client of [...demoClients].sort((a, b) => b.addedDaysAgo - a.addedDaysAgo)) {
    at(client.addedDaysAgo);
    const staff = client.addedDaysAgo % 2 === 0 ? owner : clinician;
    clients.set(client.firstName, await createClient(staff, clientInput.parse(toInput(client))));
  }
  const client = (firstName: string): Client => {
    const found = clients.get(firstName);
    if (!found) throw new Error(`no demo client ${firstName}`);
    return found;
  };
  const settings = await loadPortalSettings(owner);
  const welcome = { message: settings.welcome_message };
  const emailOf = async (firstName: string, address?: string) => {
    const emails = await listClientEmails(owner, [client(firstName).id]);
    const email = address ? emails.find((e) => e.address === address) : emails.find((e) => e.email_ok === 1);
    if (!email) throw new Error(`no email to invite ${firstName} at`);
    return email.id;
  };
  /** The client opens the newest welcome or sign-in email they were sent and follows its link. */
  const followEmailedLink = async (firstName: string) => {
    const token = await latestEmailedToken(deps, practiceId, client(firstName).id);
    await signInWithLink(actingContext(deps, practiceId, { kind: 'anonymous' }, meta), token);
  };

  // Active: invited, then signed in with the welcome email's link (the invitation is used)…
  for (const [firstName, daysAgo] of [
    ['Margaret', 95],
    ['Zoë', 40],
    ['Søren', 90],
  ] as const) {
    at(daysAgo);
    await invite(owner, client(firstName).id, { emailId: await emailOf(firstName), ...welcome }, documentsWaitingFor);
    at(daysAgo - 1);
    await followEmailedLink(firstName);
  }
  // …except Liam, who asked the portal for a sign-in link and used that one (his invitation was
  // replaced by it).
  at(60);
  await invite(owner, client('Liam').id, { emailId: await emailOf('Liam'), ...welcome }, documentsWaitingFor);
  at(59);
  const visitor = actingContext(deps, practiceId, { kind: 'anonymous' }, meta);
  await requestSignInLink(visitor, await getPortalPractice(deps, demoPractice.slug), 'liam.oconnor@example.org');
  await followEmailedLink('Liam');
  // Zoë's access leaves billing out; Liam asked for a code on the phone once.
  at(39);
  const zoePermissions = { appointments: true, messaging: true, billing: false, pay: false };
  await savePermissions(clinician, client('Zoë').id, zoePermissions);
  at(20);
  await generateSignInCode(clinician, client('Liam').id);

  // Conversations: each message sent by the service as the staff member or the signed-in client.
  const files = {
    worksheet: uploaded(
      'Thought record worksheet.pdf',
      demoPdf('Thought record', [
        'Situation: what happened, where and when?',
        'Feelings: name them and rate each from 0 to 100.',
        'Automatic thoughts: what went through your mind?',
        'Evidence for, evidence against.',
        'A more balanced thought, and how you feel now.',
      ]),
    ),
    sleepDiary: uploaded(
      'Sleep diary - week 1.pdf',
      demoPdf('Sleep diary, week 1', [
        'Mon: bed 23:40, up 07:10, woke twice',
        'Tue: bed 23:15, up 07:00, slept through',
      ]),
    ),
    picture: uploaded('Harbour at dusk.png', demoPng()),
  };
  for (const conversation of demoConversations) {
    const clientId = client(conversation.client).id;
    for (const message of conversation.messages) {
      at(message.daysAgo, message.hoursAgo ?? 0);
      const file = message.attach ? files[message.attach] : null;
      const attachments = file ? [await storeFile({ practiceId, deps }, file.name, file.data)] : [];
      const input = { body: message.body, files: attachments };
      const sent =
        message.from === 'client'
          ? await sendMessage(clientContext(deps, practiceId, clientId), clientId, { kind: 'client' }, input)
          : await sendMessage(
              message.from === 'owner' ? owner : clinician,
              clientId,
              { kind: 'staff', staffId: message.from === 'owner' ? created.staffId : clinicianId },
              input,
            );
      if (message.readAfterHours !== undefined) {
        at(message.daysAgo, (message.hoursAgo ?? 0) - message.readAfterHours);
        if (message.from === 'client') await markConversationRead(owner, clientId, 'staff', sent.id);
        else await markConversationRead(clientContext(deps, practiceId, clientId), clientId, 'client', sent.id);
      }
    }
  }

  // Disabled: Søren moved away and asked the practice to close his portal access.
  at(14);
  await disable(owner, client('Søren').id);

  // Invited, not yet signed in: Priya's welcome email went to her home address first, then was
  // sent again to her work address (which cancels the first); Aisha's is recent; Teddy's family
  // never opened theirs, which has expired.
  at((deps.config.portalInvitationHours + 72) / 24);
  await invite(
    clinician,
    client('Theodore').id,
    { emailId: await emailOf('Theodore'), ...welcome },
    documentsWaitingFor,
  );
  at(5);
  await invite(
    owner,
    client('Priya').id,
    {
      emailId: await emailOf('Priya', 'priya.ramanshah@example.com'),
      ...welcome,
    },
    documentsWaitingFor,
  );
  at(3);
  await invite(
    owner,
    client('Priya').id,
    { emailId: await emailOf('Priya', 'priya@design.example.org'), ...welcome },
    documentsWaitingFor,
  );
  at(2);
  await invite(clinician, client('Aisha').id, { emailId: await emailOf('Aisha'), ...welcome }, documentsWaitingFor);

  // Robert finished therapy and was archived; staff looked a few clients up this morning.
  at(30);
  await setArchived(owner, client('Robert').id, true);
  at(0, 3);
  await getClient(clinician, client('Marcus').id);
  await getClient(owner, client('Margaret').id);

  await seedDemoSchedule(
    clock,
    now,
    { owner, ownerId: created.staffId, clinician, clinicianId },
    (firstName) => client(firstName).id,
  );

  clock.set(now);
  const maggie = client('Margaret');
  return {
    practice: { id: practiceId, name: demoPractice.name, slug: demoPractice.slug },
    ownerEmail: demoPractice.owner.email,
    password: demoPractice.password,
    clients: clients.size,
    portalClient: { id: maggie.id, name: `${maggie.preferredName ?? maggie.firstName} ${maggie.lastName}` },
  };
}

function staffContext(deps: AppDeps, practiceId: string, staffId: string, roles: StaffRole[]): StaffContext {
  return signedInStaffContext(
    deps,
    { kind: 'staff', staffId, practiceId, roles, csrfToken: '', sessionHash: '' },
    meta,
  );
}

function clientContext(deps: AppDeps, practiceId: string, clientId: string): ClientContext {
  return actingContext(
    deps,
    practiceId,
    { kind: 'client', clientId, practiceId, csrfToken: '', sessionHash: '' },
    meta,
  );
}

function toInput(client: DemoClient) {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    preferredName: client.preferredName,
    dateOfBirth: client.dateOfBirth,
    phone: client.phone,
    emails: client.emails.map((email, position) => ({ ...email, isPrimary: position === 0 })),
  };
}

/** A file to attach, as a browser would send it; each message stores a copy as the upload route does. */
function uploaded(name: string, data: Buffer): { name: string; data: Buffer } {
  return { name, data };
}

/** The sign-in token in the newest portal email queued for the client, as the client would click it. */
async function latestEmailedToken(deps: AppDeps, practiceId: string, clientId: string): Promise<string> {
  const email = await deps.db
    .selectFrom('outbox')
    .select('text')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .where('kind', 'in', ['portal_invitation', 'portal_sign_in_link'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const token = email && /#token=([\w-]+)/.exec(email.text)?.[1];
  if (!token) throw new Error(`no sign-in link was emailed to client ${clientId}`);
  return token;
}
