import type { Client, ClientListItem } from '../../../../shared/schemas/clients.js';

type Named = Pick<Client | ClientListItem, 'firstName' | 'lastName' | 'preferredName'>;

export function fullName(client: Named): string {
  return `${client.firstName} ${client.lastName}`.trim();
}

/** "Alexandra Smith (Alex)" as plain text, e.g. for page titles. */
export function nameWithPreferred(client: Named): string {
  return client.preferredName ? `${fullName(client)} (${client.preferredName})` : fullName(client);
}

/**
 * The name for display: each part isolated with <bdi> so right-to-left names and punctuation
 * keep their order; React renders everything as text.
 */
export function ClientName({ client }: { client: Named }) {
  return (
    <>
      <bdi>{fullName(client)}</bdi>
      {client.preferredName ? (
        <>
          {' '}(<bdi>{client.preferredName}</bdi>)
        </>
      ) : null}
    </>
  );
}
