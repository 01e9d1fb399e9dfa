import { phoneMessage, phoneRegionForTimeZone, toE164 } from '../../../shared/phone.js';
import type { ClinicianAssignment } from '../../../shared/schemas/client-clinicians.js';
import type { Client, ClientInput, ClientList, ClientListQuery } from '../../../shared/schemas/clients.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Acting, Context, Scope } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getPractice } from '../practices/index.js';
import { toClient, toClientListItem } from './clients.dto.js';
import {
  deleteClientEmails,
  getClient as getClientRow,
  insertClient,
  insertClientEmails,
  listClientEmails,
  listClientRows,
  setClientArchived,
  updateClientEmail,
  updateClientRow,
  type ClientEmailRow,
  type ClientRow,
} from './clients.queries.js';
import { assignNewClient, describeAssignment } from './clients.clinicians.js';
import { replaceSearchRows } from './clients.search-rows.js';
import { clientSearchDocument, clientSearchText, clientSortName } from './clients.search.js';

/** Work another module does in the same transaction as a client's creation or update. */
export type AlsoInTransaction<A extends Acting = Acting> = (tx: Context<A>, client: Client) => Promise<void>;

/** Columns derived from the input, shared by create and update so search never drifts from the data. */
function profileColumns(input: ClientInput) {
  const searchText = clientSearchText(input);
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    preferred_name: input.preferredName,
    date_of_birth: input.dateOfBirth,
    phone: input.phone,
    search_text: searchText,
    search_document: clientSearchDocument(searchText),
    sort_name: clientSortName(input),
  };
}

/**
 * The input with its phone in E.164, parsed in the region of the practice's time zone (a number
 * without a country code is the practice's own country's). One that is not valid there is a
 * validation error naming `phone`, as the shared schema's own check is.
 */
async function withStoredPhone(scope: Scope, input: ClientInput): Promise<ClientInput> {
  if (input.phone === null) return input;
  const practice = await getPractice(scope);
  const phone = toE164(input.phone, phoneRegionForTimeZone(practice.time_zone));
  if (phone === null) throw new AppError('validation_failed', undefined, [{ field: 'phone', message: phoneMessage }]);
  return { ...input, phone };
}

function emailColumns(email: ClientInput['emails'][number], position: number) {
  return {
    address: email.address,
    type: email.type,
    email_ok: email.emailOk ? (1 as const) : (0 as const),
    is_primary: email.isPrimary ? (1 as const) : (0 as const),
    position,
  };
}

async function loadClient(scope: Scope, id: string): Promise<Client> {
  const row = await getClientRow(scope, id);
  return toClient(row, await listClientEmails(scope, [id]));
}

function auditClient(ctx: Context, action: string, clientId: string, details?: Record<string, string>) {
  return auditIn(ctx, { action, clientId, ...(details ? { details } : {}) });
}

/** The list is not audited per client: only opening a profile is (see getClient). */
export async function listClients(ctx: Context, query: ClientListQuery): Promise<ClientList> {
  const { rows, total, totalCapped } = await listClientRows(ctx, query);
  // Emails only for the page's clients, never joined across the whole table.
  const emails = await listClientEmails(
    ctx,
    rows.map((row) => row.id),
  );
  const primary = new Map(emails.filter((e) => e.is_primary === 1).map((e) => [e.client_id, e.address]));
  return {
    items: rows.map((row) => toClientListItem(row, primary.get(row.id) ?? null)),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Every view of a profile is audited; a foreign or unknown id throws before any audit row. */
export async function getClient(ctx: Context, id: string): Promise<Client> {
  const client = await loadClient(ctx, id);
  await auditClient(ctx, 'client.viewed', id);
  return client;
}

/**
 * Creates the client with its emails and its clinicians (`assignNewClient`: those chosen, else the
 * clinician adding it). `alsoInTransaction` runs in the same transaction once the client exists
 * (inviting them to the portal), so a failure there leaves no client behind.
 */
export async function createClient<A extends Acting>(
  ctx: Context<A>,
  given: ClientInput,
  {
    clinicians = null,
    alsoInTransaction,
  }: { clinicians?: ClinicianAssignment | null; alsoInTransaction?: AlsoInTransaction<A> } = {},
): Promise<Client> {
  const now = iso(ctx.clock.now());
  const id = newId();
  return ctx.inTransaction(async (tx) => {
    const input = await withStoredPhone(tx, given);
    const profile = profileColumns(input);
    const row: ClientRow = {
      id,
      practice_id: tx.practiceId,
      ...profile,
      archived_at: null,
      created_at: now,
      updated_at: now,
      // Inviting the new client (alsoInTransaction) changes it with the access.
      portal_state: 'not_invited',
    };
    await insertClient(tx, row);
    await replaceSearchRows(tx, row);
    await insertClientEmails(
      tx,
      input.emails.map((email, index) => ({ id: newId(), client_id: id, ...emailColumns(email, index) })),
    );
    const assigned = await assignNewClient(tx, id, clinicians);
    await auditClient(tx, 'client.created', id, describeAssignment(assigned));
    const client = await loadClient(tx, id);
    if (alsoInTransaction) await alsoInTransaction(tx, client);
    return client;
  });
}

const profileFields = {
  firstName: 'first_name',
  lastName: 'last_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  phone: 'phone',
} as const satisfies Partial<Record<keyof ClientInput, keyof ClientRow>>;

/** Names (never values) of the fields an update changes, for the audit log. */
function changedFields(row: ClientRow, emails: readonly ClientEmailRow[], input: ClientInput): string[] {
  const changed: string[] = (Object.keys(profileFields) as (keyof typeof profileFields)[]).filter(
    (field) => row[profileFields[field]] !== input[field],
  );
  const shape = (
    list: readonly { id?: string | undefined; address: string; type: string; emailOk: boolean; isPrimary: boolean }[],
  ) => JSON.stringify(list.map((e) => [e.id ?? null, e.address, e.type, e.emailOk, e.isPrimary]));
  const before = toClient(row, emails).emails;
  if (shape(before) !== shape(input.emails)) changed.push('emails');
  return changed;
}

/**
 * Replaces the profile and reconciles the emails: listed ids are updated, new entries inserted,
 * missing ones deleted. An id that is not one of this client's emails is a validation error, so
 * an edit can never move another client's (or practice's) email onto this one. `alsoInTransaction`
 * runs in the same transaction with the client as saved (Client Portal access following its email),
 * so a failure there saves nothing.
 */
export async function updateClient<A extends Acting>(
  ctx: Context<A>,
  id: string,
  input: ClientInput,
  alsoInTransaction?: AlsoInTransaction<A>,
): Promise<Client> {
  return ctx.inTransaction(async (tx) => {
    const client = await updateClientInTransaction(tx, id, input);
    if (alsoInTransaction) await alsoInTransaction(tx, client);
    return client;
  });
}

async function updateClientInTransaction(tx: Context, id: string, given: ClientInput): Promise<Client> {
  const row = await getClientRow(tx, id);
  const input = await withStoredPhone(tx, given);
  const existing = await listClientEmails(tx, [id]);
  const known = new Set(existing.map((e) => e.id));
  const seen = new Set<string>();
  const fields = input.emails.flatMap((email, index) => {
    if (email.id === undefined) return [];
    const problem = !known.has(email.id)
      ? 'is not an email of this client'
      : seen.has(email.id)
        ? 'is listed twice'
        : null;
    seen.add(email.id);
    return problem ? [{ field: `emails.${index}.id`, message: problem }] : [];
  });
  if (fields.length > 0) throw new AppError('validation_failed', undefined, fields);

  const changed = changedFields(row, existing, input);
  if (changed.length === 0) return toClient(row, existing);

  const profile = profileColumns(input);
  await updateClientRow(tx, id, { ...profile, updated_at: iso(tx.clock.now()) });
  if (profile.search_text !== row.search_text || profile.sort_name !== row.sort_name) {
    await replaceSearchRows(tx, { ...row, ...profile });
  }
  await deleteClientEmails(
    tx,
    id,
    existing.filter((e) => !seen.has(e.id)).map((e) => e.id),
  );
  const inserts: Omit<ClientEmailRow, 'practice_id'>[] = [];
  for (const [index, email] of input.emails.entries()) {
    if (email.id) await updateClientEmail(tx, email.id, emailColumns(email, index));
    else inserts.push({ id: newId(), client_id: id, ...emailColumns(email, index) });
  }
  await insertClientEmails(tx, inserts);
  await auditClient(tx, 'client.updated', id, { changed: changed.join(',') });
  return loadClient(tx, id);
}

/** Archive and restore are idempotent: repeating one changes nothing and writes no audit row. */
export async function setArchived(ctx: Context, id: string, archived: boolean): Promise<Client> {
  return ctx.inTransaction(async (tx) => {
    await getClientRow(tx, id);
    const now = iso(tx.clock.now());
    const changed = await setClientArchived(tx, id, archived ? now : null, now);
    if (changed) await auditClient(tx, archived ? 'client.archived' : 'client.restored', id);
    return loadClient(tx, id);
  });
}
