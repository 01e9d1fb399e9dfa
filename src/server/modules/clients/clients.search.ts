/** The lower-cased text that client search matches: names, preferred name and every email. */
export function clientSearchText(input: {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  emails: readonly { address: string }[];
}): string {
  return [input.firstName, input.lastName, input.preferredName ?? '', ...input.emails.map((e) => e.address)]
    .join(' ')
    .toLowerCase();
}

/** Sort key for the client list: last name, then first name, case-insensitive. */
export function clientSortName(input: { firstName: string; lastName: string }): string {
  return `${input.lastName} ${input.firstName}`.toLowerCase();
}
