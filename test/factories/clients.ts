import type { ClinicianAssignment } from '../../src/shared/schemas/client-clinicians.js';
import type { Client, ClientInput } from '../../src/shared/schemas/clients.js';
import type { AppDeps } from '../../src/server/deps.js';
import { createClient as createClientWithService } from '../../src/server/modules/clients/clients.service.js';
import { systemContext } from '../../src/server/platform/request-context.js';
import { newId } from '../../src/server/platform/tokens.js';

const firstNames = ['Amara', 'Jonah', 'Priya', 'Mateo', 'Ingrid', 'Kwame', 'Sofia', 'Hiroshi', 'Leila', 'Owen'];
const lastNames = [
  'Okafor',
  'Lindqvist',
  'Raman',
  'Castillo',
  'Novak',
  'Mensah',
  'Moreau',
  'Tanaka',
  'Haddad',
  'Byrne',
];

/**
 * A client persisted through the service (so search_text, sort_name and the audit row are exactly
 * what the API would write). Defaults: a realistic name made unique by a suffix, one primary
 * home email with consent, and the practice's first clinician (its owner) as primary clinician;
 * `clinicians` assigns others.
 */
export async function createClient(
  deps: AppDeps,
  practiceId: string,
  overrides: Partial<ClientInput> = {},
  { clinicians }: { clinicians?: ClinicianAssignment } = {},
): Promise<Client> {
  // Digits only: a hex suffix ("a3f2c1") would be a search word starting with a letter, so a test
  // searching "a" or "ad" would now and then find a client it never named.
  const suffix = String(Number.parseInt(newId().replaceAll('-', '').slice(0, 12), 16))
    .slice(-8)
    .padStart(8, '0');
  const pick = (list: readonly string[]) => list[Number.parseInt(suffix, 10) % list.length] ?? 'Client';
  const firstName = overrides.firstName ?? pick(firstNames);
  const lastName = overrides.lastName ?? `${pick(lastNames)}-${suffix}`;
  const input: ClientInput = {
    firstName,
    lastName,
    preferredName: null,
    dateOfBirth: '1988-06-14',
    phone: '(617) 555-0100',
    emails: [
      {
        address: `${firstName}.${suffix}@example.test`.toLowerCase(),
        type: 'home',
        emailOk: true,
        isPrimary: true,
      },
    ],
    // An override given as undefined means "the default", as it does for the names above.
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
  return createClientWithService(systemContext(deps, practiceId), input, { clinicians: clinicians ?? null });
}
