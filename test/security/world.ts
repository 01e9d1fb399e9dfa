/**
 * Shared by the security suite: practices whose clients are invited, signed in to the portal and
 * mid-conversation (a message each way, each with an attachment), and a snapshot of every row.
 */
import { readdir } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Client } from '../../src/shared/schemas/clients.js';
import type { Message } from '../../src/shared/schemas/messages.js';
import { createClient } from '../factories/clients.js';
import { createPractice, type FactoryPractice } from '../factories/practices.js';
import { factoryPassword } from '../factories/practices.js';
import { Agent, sessionCookieFrom } from '../helpers/agent.js';
import { postMessage, sampleFiles } from '../helpers/messages.js';
import { ownTables } from '../helpers/own-tables.js';
import { invite, latestPortalEmail } from '../helpers/portal.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helpers/test-app.js';
import { newId } from '../../src/server/platform/tokens.js';
import { diskDirectoryOf } from '../../src/server/platform/open-file-store.js';

/** One message of a conversation: its text and its one attachment. */
export interface SentMessage {
  id: string;
  text: string;
  attachmentId: string;
  fileName: string;
}

export interface PortalClient {
  client: Client;
  email: string;
  /** Carries the client's portal cookie and CSRF token. */
  agent: Agent;
  /** The practice's message to the client, then the client's reply. */
  messages: [SentMessage, SentMessage];
}

export interface SecurityPractice {
  practice: FactoryPractice;
  staff: Agent;
  clients: PortalClient[];
}

let addresses = 0;
/**
 * A new client address for each sign-in, so that building many worlds in a minute does not run
 * into the per-IP sign-in limits (which the fuzzer, sending from random addresses, leaves alone).
 */
export function nextAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/** Signs a staff member in with the factory password. */
export async function signInStaff(app: FastifyInstance, email: string): Promise<Agent> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password: factoryPassword },
    remoteAddress: nextAddress(),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return new Agent(app, sessionCookieFrom(response), response.json<{ csrfToken: string }>().csrfToken);
}

/** Signs a client in to the portal with a link token. */
export async function signInClientByLink(app: FastifyInstance, slug: string, token: string): Promise<Agent> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/sign-in/link`,
    payload: { token },
    remoteAddress: nextAddress(),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in by link failed: ${response.body}`);
  return new Agent(
    app,
    sessionCookieFrom(response, 'portico_client'),
    response.json<{ csrfToken: string }>().csrfToken,
  );
}

function expectStatus(response: { statusCode: number; body: string }, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
}

function sent(response: LightMyRequestResponse, text: string, fileName: string): SentMessage {
  expectStatus(response, 201, 'send a message');
  const message = response.json<Message>();
  return { id: message.id, text, attachmentId: message.attachments[0]?.id ?? '', fileName };
}

/**
 * A practice, its signed-in owner and `count` clients, each invited, signed in by link and holding
 * a conversation. Every name, email, text and file name carries a unique marker, so a test can
 * search any response for another client's data.
 */
export async function practiceWithPortalClients(t: TestApp, count: number): Promise<SecurityPractice> {
  const practice = await createPractice(t.deps);
  const staff = await signInStaff(t.app, practice.owner.email);
  const clients: PortalClient[] = [];
  for (let i = 0; i < count; i += 1) {
    const marker = newId().slice(0, 8);
    const email = `zed.${marker}@secret-${marker}.test`;
    const client = await createClient(t.deps, practice.id, {
      firstName: `Zephyrine${marker}`,
      lastName: `Hollowmere${marker}`,
      emails: [{ address: email, type: 'home', emailOk: true, isPrimary: true }],
    });
    const invited = await invite(t.deps, staff, client.id, client.emails[0]?.id ?? '');
    expectStatus(invited, 200, 'invite');
    const { token } = await latestPortalEmail(t.deps, email);
    const agent = await signInClientByLink(t.app, practice.slug, token);
    const staffText = `Practice note ${marker} about sleep`;
    const staffFile = `staff-${marker}.pdf`;
    const fromStaff = await postMessage(staff, `/api/clients/${client.id}/messages`, {
      body: staffText,
      files: [{ name: staffFile, data: sampleFiles.pdf() }],
    });
    const clientText = `Client reply ${marker} about dreams`;
    const clientFile = `client-${marker}.png`;
    const fromClient = await postMessage(agent, `/api/portal/${practice.slug}/messages`, {
      body: clientText,
      files: [{ name: clientFile, data: sampleFiles.png() }],
    });
    clients.push({
      client,
      email,
      agent,
      messages: [sent(fromStaff, staffText, staffFile), sent(fromClient, clientText, clientFile)],
    });
  }
  return { practice, staff, clients };
}

/** Strings that identify a client and their conversation. */
export function secretsOfClient(c: PortalClient): string[] {
  return [
    c.client.id,
    c.client.firstName,
    c.client.lastName,
    c.email,
    ...c.client.emails.map((e) => e.id),
    ...c.messages.flatMap((m) => [m.id, m.text, m.attachmentId, m.fileName]),
  ];
}

/** Strings that identify a practice, its owner, and all of its clients. */
export function secretsOfPractice(p: SecurityPractice): string[] {
  return [
    p.practice.id,
    p.practice.name,
    p.practice.slug,
    p.practice.owner.email,
    p.practice.owner.name,
    ...p.clients.flatMap(secretsOfClient),
  ];
}

/** Every row of every table (found by introspection, so later tables count too), as sorted JSON. */
export type Snapshot = Record<string, string[]>;

export async function tableNames(t: TestApp): Promise<string[]> {
  const tables = await ownTables(t.deps);
  // Rate-limit counters change on refused requests by design: an attempt counts whatever its
  // answer (decision 010). Everything else must stay as it was.
  const kept = (name: string) => !name.startsWith('kysely_') && name !== 'rate_limit_windows';
  return [...new Set(tables.map((table) => table.name))].filter(kept).sort();
}

export async function snapshotAll(t: TestApp, tables: readonly string[]): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const name of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.deps.db);
    snapshot[name] = result.rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/** The stored attachment files, so a refused upload can be shown to have left nothing behind. */
export async function storedFiles(t: TestApp): Promise<string[]> {
  try {
    const entries = await readdir(diskDirectoryOf(t.deps.config.files), { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => `${e.parentPath}/${e.name}`)
      .sort();
  } catch {
    return [];
  }
}

/** Rows present in `after` but not `before`, and the reverse, per table (as multisets). */
export function diffSnapshots(
  before: Snapshot,
  after: Snapshot,
): { table: string; added: string[]; removed: string[] }[] {
  const changes: { table: string; added: string[]; removed: string[] }[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const counts = new Map<string, number>();
    for (const row of before[table] ?? []) counts.set(row, (counts.get(row) ?? 0) + 1);
    const added: string[] = [];
    for (const row of after[table] ?? []) {
      const left = counts.get(row) ?? 0;
      if (left > 0) counts.set(row, left - 1);
      else added.push(row);
    }
    const removed = [...counts].flatMap(([row, n]) => Array.from({ length: n }, () => row));
    if (added.length > 0 || removed.length > 0) changes.push({ table, added, removed });
  }
  return changes;
}

/** The fields of a row snapshot, for checking what a change was. */
export const rowOf = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;
