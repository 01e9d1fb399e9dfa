import { clientInput, emailTypes, type Client, type ClientInput } from '../../../../shared/schemas/clients.js';
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

export function formFromClient(client: Client): ClientFormState {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    preferredName: client.preferredName ?? '',
    dateOfBirth: client.dateOfBirth ?? '',
    phone: client.phone ?? '',
    emails: client.emails.map((email) => ({ key: newRowKey(), ...email })),
  };
}

export function newEmailRow(isPrimary: boolean): EmailRowState {
  return { key: newRowKey(), address: '', type: 'home', emailOk: true, isPrimary };
}

/** Validates with the shared schema; the parsed body is what the API receives. */
export function parseClientForm(
  state: ClientFormState,
): { ok: true; input: ClientInput } | { ok: false; errors: FieldErrorMap } {
  const parsed = clientInput.safeParse({
    firstName: state.firstName,
    lastName: state.lastName,
    preferredName: state.preferredName,
    dateOfBirth: state.dateOfBirth || null,
    phone: state.phone,
    emails: state.emails.map(({ id, address, type, emailOk, isPrimary }) => ({
      ...(id ? { id } : {}),
      address,
      type,
      emailOk,
      isPrimary,
    })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues) };
}
