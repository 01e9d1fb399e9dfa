import type { PortalMe } from '../../../shared/schemas/portal.js';

/** How the portal addresses the client: their preferred name when set, else their first name. */
export function displayName(client: PortalMe['client']): string {
  const preferred = client.preferredName?.trim();
  return preferred ? preferred : client.firstName.trim();
}

/** Up to two initials from the letters and digits of a name ("Oak & Pine Therapy" → "OP"). */
export function initials(name: string): string {
  const words = name.split(/\s+/u).filter(Boolean);
  const letters = words
    .map((word) => Array.from(word).find((char) => /[\p{L}\p{N}]/u.test(char)))
    .filter((char): char is string => char !== undefined);
  return letters.slice(0, 2).join('').toLocaleUpperCase();
}
