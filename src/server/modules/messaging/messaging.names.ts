import type { ClientRow } from '../clients/index.js';
import { clientDisplayName } from '../portal-access/index.js';

/** The client as the practice's messages show them: the name they go by, and their last name. */
export function clientName(client: Pick<ClientRow, 'first_name' | 'last_name' | 'preferred_name'>): string {
  return `${clientDisplayName(client)} ${client.last_name}`;
}
