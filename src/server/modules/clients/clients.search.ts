import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ClientsTable } from '../../db/schema.js';

/**
 * The lower-cased text that client search matches: names, preferred name, every email, and the
 * phone number's digit words (phoneSearchWords) after them.
 */
export function clientSearchText(input: {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  emails: readonly { address: string }[];
  phone?: string | null;
}): string {
  return [
    input.firstName,
    input.lastName,
    input.preferredName ?? '',
    ...input.emails.map((e) => e.address),
    ...phoneSearchWords(input.phone ?? null),
  ]
    .join(' ')
    .toLowerCase();
}

/**
 * The words a phone number is found by: every tail of its digits (E.164 without the "+", so
 * "16175550142", "6175550142", … "2"), and the digits of its national form where that adds a
 * trunk prefix ("02079460958" for +44 20 7946 0958). A search's digits, however they were typed
 * (searchTerms folds "(617) 555-01" to "61755501"), are then the start of one of these words
 * exactly when they are a part of the number, so the prefix match that finds names finds them.
 * An extension (";ext=12") is not searched. A value stored before numbers were checked, which
 * does not parse, gives the tails of its digits.
 */
export function phoneSearchWords(phone: string | null): string[] {
  if (!phone) return [];
  const number = phone.split(';')[0] ?? '';
  const digits = number.replace(/\D/g, '');
  const words = new Set<string>();
  for (let start = 0; start < digits.length; start++) words.add(digits.slice(start));
  const parsed = number.startsWith('+') ? parsePhoneNumberFromString(number) : undefined;
  if (parsed?.isValid()) {
    const national = parsed.formatNational().replace(/\D/g, '');
    if (national) words.add(national);
  }
  return [...words];
}

/**
 * Whether a search term is (part of) a phone number as people type it: digits with the
 * punctuation written around them ("(617)", "555-01", "+1"), nothing else.
 */
export function isPhoneTerm(term: string): boolean {
  return /^[\d+().\-/]+$/.test(term) && /\d/.test(term);
}

/**
 * The typed words with each run of phone-number pieces ("(617)", "555-01", "+1") made one term of
 * their digits ("61755501"): a client's phone words are the tails of its digits (phoneSearchWords),
 * so those digits start one of them wherever in the number they are, however they were written.
 */
export function foldPhoneDigits(words: readonly string[]): string[] {
  const terms: string[] = [];
  let digits = '';
  for (const word of words) {
    if (isPhoneTerm(word)) {
      digits += word.replace(/\D/g, '');
      continue;
    }
    if (digits) terms.push(digits);
    digits = '';
    terms.push(word);
  }
  if (digits) terms.push(digits);
  return terms;
}

/**
 * Sort key for the client list: last name, then first name, case-insensitive and without accents,
 * so Åsa sorts with the As and Émile with the Es (the key is compared bytewise on both databases,
 * where "å" would come after "z"). Letters that are not accented forms ("ø", "ß") keep their place.
 */
export function clientSortName(input: { firstName: string; lastName: string }): string {
  return withoutAccents(`${input.lastName} ${input.firstName}`).toLowerCase();
}

/** The text with its accents taken off the letters they sit on ("Åsa" → "Asa"). */
function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The words a client can be found by: every word of the search text, each part of it between
 * punctuation ("o'connor" → "o", "connor"), the word without punctuation ("oconnor"), and so for
 * email addresses the whole address, its local part's pieces and its domain's. Search matches
 * the start of any of these words, which an index answers without reading the whole table.
 */
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
  // Without accents too, so "ramirez" finds Ramírez (a search typed with the accent matches as is).
  for (const word of [...words]) words.add(withoutAccents(word));
  return [...words].map((word) => word.slice(0, 200));
}

/**
 * The client's search document: its search words (clientSearchWords), each after a space. In a
 * practice without search rows (fewer than searchRowsFromClients clients) a search reads the
 * practice's clients in the list's order and keeps those whose document contains " " + term for
 * every term, which is "a word starts with the term", the same match the search rows give.
 * Words never hold a space (the text is split on white space), so a term cannot match across two.
 */
export function clientSearchDocument(searchText: string): string {
  return clientSearchWords(searchText)
    .map((word) => ` ${word}`)
    .join('');
}

/**
 * From how many clients a practice keeps search rows (client_search_words and
 * client_search_prefixes, decision 006). Below it a search reads every client of the practice and
 * matches its document, under a millisecond on SQLite at this size, while the rows would cost
 * about 16 KB per client on PostgreSQL. Most practices stay below it all their life (decision 027).
 */
export const searchRowsFromClients = 1000;

/** The upper bound of every string that starts with `prefix`, in byte (C collation) order. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/** The columns of a client that its search rows are made from. */
interface SearchableClient {
  id: string;
  practice_id: string;
  search_text: string;
  sort_name: string;
  created_at: string;
  archived_at: string | null;
  portal_state: ClientsTable['portal_state'];
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
      portal_state: client.portal_state,
    })),
  );
}

/**
 * The longest prefix client_search_prefixes keeps. Three characters already tell most words apart
 * ("smi" is nearly all Smiths), and each more character would add about five rows per client.
 */
export const searchPrefixLength = 3;

/**
 * A text's code points: the characters SQL's substr and length count on both databases, so the
 * prefixes written here are the ones migration 007 derives in SQL (not grapheme clusters: "é"
 * typed as e + accent is two, there as here).
 */
function codePoints(text: string): string[] {
  return Array.from(text);
}

/** A term's key in client_search_prefixes: its first characters. */
export function searchPrefix(term: string): string {
  return codePoints(term).slice(0, searchPrefixLength).join('');
}

/** Whether the prefix row alone proves a client matches the term, with no look at the whole words. */
export function prefixIsWholeTerm(term: string): boolean {
  return codePoints(term).length <= searchPrefixLength;
}

/** The distinct prefixes of one to searchPrefixLength characters of some words. */
export function wordPrefixes(words: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of words) {
    const characters = codePoints(word);
    for (let length = 1; length <= Math.min(searchPrefixLength, characters.length); length++) {
      prefixes.add(characters.slice(0, length).join(''));
    }
  }
  return [...prefixes];
}

/** The client_search_prefixes rows of some clients: each distinct prefix with copies of the list columns. */
export function searchPrefixRows(clients: readonly SearchableClient[]) {
  return clients.flatMap((client) =>
    wordPrefixes(clientSearchWords(client.search_text)).map((prefix) => ({
      practice_id: client.practice_id,
      prefix,
      client_id: client.id,
      sort_name: client.sort_name,
      created_at: client.created_at,
      archived: client.archived_at === null ? (0 as const) : (1 as const),
      portal_state: client.portal_state,
    })),
  );
}
