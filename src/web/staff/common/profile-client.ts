import { useOutletContext } from 'react-router';
import type { Client } from '../../../shared/schemas/clients.js';

/** What a client's profile page hands to its sections (Overview, Edit, and those other areas add). */
export interface ProfileContext {
  client: Client;
}

/** The loaded client, for the sections of its profile. */
export function useProfileClient(): Client {
  return useOutletContext<ProfileContext>().client;
}
