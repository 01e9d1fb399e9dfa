/**
 * The first part of every query key in the staff app, one per area. Each area builds its keys from
 * its root in its own `<area>.queries.ts`; another area whose change affects what it shows
 * refreshes it by this root, without knowing its keys.
 */
export const areaKeys = {
  session: ['session'],
  /** The practices the signed-in account may switch to (the account menu). */
  myPractices: ['my-practices'],
  clients: ['clients'],
  calendar: ['calendar'],
  portalAccess: ['portal-access'],
  messages: ['messages'],
  documents: ['documents'],
  requests: ['requests'],
  audit: ['audit'],
  billing: ['billing'],
  settings: ['settings'],
  mailbox: ['mailbox'],
} as const;
