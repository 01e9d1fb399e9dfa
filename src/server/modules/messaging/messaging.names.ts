import type { ClientRow } from '../clients/clients.queries.js';

/** The client as the practice's messages show them: preferred (or first) name and last name. */
export function clientName(client: Pick<ClientRow, 'first_name' | 'last_name' | 'preferred_name'>): string {
  return `${client.preferred_name ?? client.first_name} ${client.last_name}`;
}
