import { formatPhone, phoneMessage, toE164, type PhoneRegion } from '../../../../shared/phone.js';
import { clientInput, emailTypes, type Client, type ClientInput } from '../../../../shared/schemas/clients.js';
import { formatNumericDate, parseNumericDate } from '../../../common/dates.js';
import { zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';

export type EmailType = (typeof emailTypes)[number];

export interface EmailRowState {
  /** A stable React key; new rows have no server id yet. */
  key: string;
  id?: string;
  address: string;
  type: EmailType;
  emailOk: boolean;
  isPrimary: boolean;
}

export interface ClientFormState {
  firstName: string;
  lastName: string;
  preferredName: string;
  /** As typed, in the practice's date order ("23/04/1990" or "04/23/1990"). */
  dateOfBirth: string;
  phone: string;
  emails: EmailRowState[];
}

let nextKey = 0;
export function newRowKey(): string {
  nextKey += 1;
  return `email-row-${nextKey}`;
}

export const emptyClientForm: ClientFormState = {
  firstName: '',
  lastName: '',
  preferredName: '',
  dateOfBirth: '',
  phone: '',
  emails: [],
};

/** The form for editing a client; its phone as the practice writes it (national for its own country). */
export function formFromClient(client: Client, region: PhoneRegion): ClientFormState {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    preferredName: client.preferredName ?? '',
    dateOfBirth: client.dateOfBirth ? formatNumericDate(client.dateOfBirth) : '',
    phone: client.phone ? formatPhone(client.phone, region) : '',
    emails: client.emails.map((email) => ({ key: newRowKey(), ...email })),
  };
}

export function newEmailRow(isPrimary: boolean): EmailRowState {
  // Consent is given, never assumed: a new email starts without Email OK.
  return { key: newRowKey(), address: '', type: 'home', emailOk: false, isPrimary };
}

/**
 * Validates with the shared schema, and the phone in the practice's region as the server will; the
 * parsed body is what the API receives.
 */
export function parseClientForm(
  state: ClientFormState,
  region: PhoneRegion,
): { ok: true; input: ClientInput } | { ok: false; errors: FieldErrorMap } {
  // The date of birth is typed as the practice writes dates; the API takes YYYY-MM-DD.
  const birth = state.dateOfBirth.trim() ? parseNumericDate(state.dateOfBirth) : null;
  const parsed = clientInput.safeParse({
    firstName: state.firstName,
    lastName: state.lastName,
    preferredName: state.preferredName,
    dateOfBirth: birth?.ok ? birth.date : null,
    phone: state.phone,
    emails: state.emails.map(({ id, address, type, emailOk, isPrimary }) => ({
      ...(id ? { id } : {}),
      address,
      type,
      emailOk,
      isPrimary,
    })),
  });
  const phoneInRegion = parsed.data?.phone ? toE164(parsed.data.phone, region) !== null : true;
  const birthProblem = birth && !birth.ok ? birth.problem : null;
  if (parsed.success && phoneInRegion && !birthProblem) return { ok: true, input: parsed.data };
  const errors = parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues);
  if (birthProblem) errors.dateOfBirth = birthProblem;
  return { ok: false, errors: phoneInRegion || errors.phone ? errors : { ...errors, phone: phoneMessage } };
}
