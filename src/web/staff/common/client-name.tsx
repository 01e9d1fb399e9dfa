import type { Client, ClientListItem } from '../../../shared/schemas/clients.js';

type Named = Pick<Client | ClientListItem, 'firstName' | 'lastName' | 'preferredName'>;

export function fullName(client: Named): string {
  return `${client.firstName} ${client.lastName}`.trim();
}

/**
 * How a name reads: `first-last` ("Ada Lovelace") as people say it, `last-first` ("Lovelace, Ada")
 * where a list is in last-name order, so the order shown is the order sorted.
 */
export type NameOrder = 'first-last' | 'last-first';

/** "Lovelace, Ada": the name as a list sorted by last name shows it. */
export function lastFirstName(client: Named): string {
  return `${client.lastName.trim()}, ${client.firstName.trim()}`;
}

/** The client's name as the practice speaks to them: their preferred name, else their first name. */
export function callName(client: { firstName: string; preferredName: string | null }): string {
  return client.preferredName?.trim() || client.firstName;
}

/** "Alexandra Smith (Alex)" as plain text, e.g. for page titles. */
export function nameWithPreferred(client: Named): string {
  return client.preferredName ? `${fullName(client)} (${client.preferredName})` : fullName(client);
}

/**
 * The name for display: each part isolated with <bdi> so right-to-left names and punctuation
 * keep their order; React renders everything as text.
 */
export function ClientName({ client, order = 'first-last' }: { client: Named; order?: NameOrder }) {
  return (
    <>
      <bdi>{order === 'last-first' ? lastFirstName(client) : fullName(client)}</bdi>
      {client.preferredName ? (
        <>
          {' '}
          (<bdi>{client.preferredName}</bdi>)
        </>
      ) : null}
    </>
  );
}
