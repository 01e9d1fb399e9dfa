import type { Client, ClientListItem } from '../../../shared/schemas/clients.js';
import type { ClientEmailRow, ClientListRow, ClientRow } from './clients.queries.js';

/**
 * Row → API shape. Fields are listed one by one, so a column added to the table never reaches a
 * response by accident (and the strict response schemas would reject it anyway).
 */
export function toClient(row: ClientRow, emails: readonly ClientEmailRow[]): Client {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    emails: emails
      .filter((email) => email.client_id === row.id)
      .sort((a, b) => a.position - b.position)
      .map((email) => ({
        id: email.id,
        address: email.address,
        type: email.type,
        emailOk: email.email_ok === 1,
        isPrimary: email.is_primary === 1,
      })),
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toClientListItem(row: ClientListRow, primaryEmail: string | null): ClientListItem {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    primaryEmail,
    phone: row.phone,
    portalState: row.portal_state,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
  };
}
