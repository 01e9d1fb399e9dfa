/**
 * The client search words as migrations 003 and 008 derived them, copied here from the clients
 * module when they were written. A migration must mean the same thing whatever the application's
 * search later becomes, so migrations import this frozen copy and never `modules/`.
 */

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Every word of the search text, its pieces between punctuation, the pieces joined, and the domain of an address. */
export function clientSearchWords(searchText: string): string[] {
  const words = new Set<string>();
  for (const token of searchText.split(/\s+/)) {
    if (!token) continue;
    words.add(token);
    const domain = token.includes('@') ? token.slice(token.lastIndexOf('@') + 1) : '';
    if (domain) words.add(domain);
    const pieces = token.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const piece of pieces) words.add(piece);
    if (pieces.length > 1) words.add(pieces.join(''));
  }
  for (const word of [...words]) words.add(withoutAccents(word));
  return [...words].map((word) => word.slice(0, 200));
}

/** The distinct prefixes of one to three code points of some words (as migration 007 derives them in SQL). */
export function wordPrefixes(words: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of words) {
    const characters = Array.from(word);
    for (let length = 1; length <= Math.min(3, characters.length); length++) {
      prefixes.add(characters.slice(0, length).join(''));
    }
  }
  return [...prefixes];
}

interface SearchableClient {
  id: string;
  practice_id: string;
  search_text: string;
  sort_name: string;
  created_at: string;
  archived_at: string | null;
}

/** The client_search_words rows of some clients: each word with copies of the list columns. */
export function searchWordRows(clients: readonly SearchableClient[]) {
  return clients.flatMap((client) =>
    clientSearchWords(client.search_text).map((word) => ({
      practice_id: client.practice_id,
      word,
      client_id: client.id,
      sort_name: client.sort_name,
      created_at: client.created_at,
      archived: client.archived_at === null ? (0 as const) : (1 as const),
    })),
  );
}
