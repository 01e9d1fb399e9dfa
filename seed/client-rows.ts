import { randomUUID } from 'node:crypto';
import type { ClientEmailsTable, ClientsTable, EmailType } from '../src/server/db/schema.js';
import { clientSearchDocument, clientSearchText, clientSortName } from '../src/server/modules/clients/index.js';
import { firstNames, lastNames, preferredNames } from './names.js';
import { Random, WeightedPicker } from './random.js';

export interface ClientRows {
  clients: ClientsTable[];
  emails: ClientEmailsTable[];
}

// Zipf-like weights: a few surnames (Smith, Garcia) cover a few per cent of clients each, the tail
// is rare — so a surname search returns a realistic, uneven number of rows.
const firstPicker = new WeightedPicker(firstNames, (i) => 1 / (i + 8));
const lastPicker = new WeightedPicker(lastNames, (i) => 1 / (i + 10));

// Reserved example domains: seeded data must never email a real person.
const domains = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'post.example.org'];
const areaCodes = ['212', '312', '415', '503', '512', '617', '720', '206', '305', '404', '613', '902'];
const dayMs = 86_400_000;

const asciiCache = new Map<string, string>();

/** Lower-case ASCII for email local parts: "Zoë O'Brien" becomes "zoe" and "obrien". Cached: names repeat. */
function asciiWord(name: string): string {
  let word = asciiCache.get(name);
  if (word === undefined) {
    word = name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    asciiCache.set(name, word);
  }
  return word;
}

function emailLocalPart(random: Random, first: string, last: string): string {
  const f = asciiWord(first);
  const l = asciiWord(last);
  const base = random.pick([`${f}.${l}`, `${f}${l}`, `${f[0] ?? 'x'}${l}`, `${f}_${l}`, `${l}.${f}`, f]);
  return random.chance(0.6) ? `${base}${random.int(1, 99)}` : base;
}

/**
 * Generates clients with 1–2 emails each. Deterministic for a given Random state and `now`, apart
 * from the ids, which are random UUIDs so several seeds can share a database.
 */
export function generateClientRows(
  random: Random,
  practiceId: string,
  count: number,
  now: Date,
  usedAddresses: Set<string>,
): ClientRows {
  const clients: ClientsTable[] = [];
  const emails: ClientEmailsTable[] = [];
  const nowMs = now.getTime();
  for (let n = 0; n < count; n++) {
    const id = randomUUID();
    const firstName = firstPicker.pick(random);
    const lastName = lastPicker.pick(random);
    const nicknames = preferredNames[firstName];
    const preferredName = nicknames && random.chance(0.35) ? random.pick(nicknames) : null;
    // Clients from 6 to 85 years old, most of them adults.
    const ageDays = random.chance(0.12) ? random.int(6 * 365, 17 * 365) : random.int(18 * 365, 85 * 365);
    const dateOfBirth = random.chance(0.92) ? new Date(nowMs - ageDays * dayMs).toISOString().slice(0, 10) : null;
    const phone = random.chance(0.88)
      ? `+1${random.pick(areaCodes)}55501${String(random.int(0, 99)).padStart(2, '0')}`
      : null;
    const createdMs = nowMs - random.int(1, 6 * 365) * dayMs - random.int(0, dayMs - 1);
    const updatedMs = Math.min(nowMs, createdMs + random.int(0, 400) * dayMs);
    const archivedAt = random.chance(0.07) ? new Date(updatedMs).toISOString() : null;

    const addresses: { address: string; type: EmailType }[] = [];
    const emailCount = random.chance(0.3) ? 2 : 1;
    for (let e = 0; e < emailCount; e++) {
      let address = `${emailLocalPart(random, firstName, lastName)}@${random.pick(domains)}`;
      // Keep addresses unique within the practice, as staff would expect.
      if (usedAddresses.has(address)) address = address.replace('@', `.${usedAddresses.size}@`);
      usedAddresses.add(address);
      addresses.push({
        address,
        type: e === 0 ? (random.chance(0.8) ? 'home' : 'work') : random.pick(['work', 'other']),
      });
    }
    addresses.forEach((email, position) => {
      emails.push({
        id: randomUUID(),
        client_id: id,
        practice_id: practiceId,
        address: email.address,
        type: email.type,
        email_ok: random.chance(0.9) ? 1 : 0,
        is_primary: position === 0 ? 1 : 0,
        position,
      });
    });

    const searchText = clientSearchText({ firstName, lastName, preferredName, emails: addresses, phone });
    clients.push({
      id,
      practice_id: practiceId,
      first_name: firstName,
      last_name: lastName,
      preferred_name: preferredName,
      date_of_birth: dateOfBirth,
      phone,
      search_text: searchText,
      search_document: clientSearchDocument(searchText),
      sort_name: clientSortName({ firstName, lastName }),
      archived_at: archivedAt,
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(updatedMs).toISOString(),
      portal_state: 'not_invited',
    });
  }
  return { clients, emails };
}
