import { createHash } from 'node:crypto';

/**
 * What a client signs when they submit a document, and its SHA-256 (docs/decisions/033).
 *
 * The signed content is the canonical JSON of a `SignedContent` object: object keys sorted by
 * UTF-16 code units (as RFC 8785, JSON Canonicalization Scheme, sorts them), no whitespace,
 * strings and numbers written as `JSON.stringify` writes them, UTF-8 encoded. Its SHA-256 (hex)
 * is printed in the completed document's PDF and kept in the record, so anyone holding the
 * record can compute it again from the stored answers and check the PDF against it.
 */

/** A JSON value: what answers and the signed content are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The version of the canonical form below; a change to what is hashed makes a new one. */
export const signedContentFormat = 'portico.signed-document/1';

export interface SignedContent {
  format: typeof signedContentFormat;
  /** The shared item (one document of a packet) being completed. */
  itemId: string;
  practiceId: string;
  clientId: string;
  /** The immutable template version the client filled in. */
  templateVersionId: string;
  /**
   * Every answer, by question id, as submitted. A drawn signature is represented by the SHA-256
   * of its PNG bytes (`{ method: 'drawn', pngSha256 }`), a typed one by the typed name. A file
   * question's answer names the uploaded file with its SHA-256 (`fileAnswer`, decision 038), so
   * the hash covers which file was submitted though the file itself is kept apart.
   */
  answers: Record<string, JsonValue>;
  signer: {
    /** The name the client signed with. */
    name: string;
    /** That the client ticked the consent to sign electronically (always true once signed). */
    consentedToElectronicSignature: true;
  };
  /** When the server accepted the submission: ISO 8601, UTC, milliseconds (`…T…:…:….sssZ`). */
  signedAt: string;
  /** The address the submission came from, as the server saw it. */
  ipAddress: string;
}

/** The canonical JSON of a value: sorted keys, no whitespace (see the module comment). */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('the signed content holds a number that is not finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort(compareCodeUnits);
  const members: string[] = [];
  for (const key of keys) {
    const member = value[key];
    // An absent optional member is not part of the content (undefined is not JSON).
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}

function compareCodeUnits(a: string, b: string): number {
  // JavaScript compares strings by UTF-16 code units, which is the order RFC 8785 asks for.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The SHA-256 (hex) of the canonical JSON of the signed content, UTF-8 encoded. */
export function signedContentSha256(content: SignedContent): string {
  return sha256Hex(Buffer.from(canonicalJson(toJson(content)), 'utf8'));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toJson(content: SignedContent): JsonValue {
  return {
    format: content.format,
    itemId: content.itemId,
    practiceId: content.practiceId,
    clientId: content.clientId,
    templateVersionId: content.templateVersionId,
    answers: content.answers,
    signer: {
      name: content.signer.name,
      consentedToElectronicSignature: content.signer.consentedToElectronicSignature,
    },
    signedAt: content.signedAt,
    ipAddress: content.ipAddress,
  };
}
