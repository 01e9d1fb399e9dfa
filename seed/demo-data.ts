import type { EmailType } from '../src/server/db/schema.js';

export interface DemoClient {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  emails: { address: string; type: EmailType; emailOk: boolean }[];
  /** Days before today the client was added, so the list has a believable history. */
  addedDaysAgo: number;
  archived?: boolean;
}

export const demoPractice = {
  name: 'Harbour Light Counselling',
  slug: 'harbour-light',
  timeZone: 'America/New_York',
  owner: { name: 'Dr. Helen Marsh', email: 'owner@demo.portico.test' },
  clinician: { name: 'Samir Haddad, LMHC', email: 'clinician@demo.portico.test' },
  password: 'portico-demo-pass',
} as const;

/**
 * Hand-written clients that show what the app must handle: preferred names, apostrophes,
 * accents, hyphens, several emails, email consent withheld, missing details, an archived client.
 * Addresses use reserved example domains so nothing is ever sent to a real person.
 */
export const demoClients: readonly DemoClient[] = [
  {
    firstName: 'Margaret',
    lastName: 'Okafor',
    preferredName: 'Maggie',
    dateOfBirth: '1984-03-12',
    phone: '(617) 555-0142',
    emails: [{ address: 'maggie.okafor@example.com', type: 'home', emailOk: true }],
    addedDaysAgo: 410,
  },
  {
    firstName: 'Liam',
    lastName: "O'Connor",
    preferredName: null,
    dateOfBirth: '1991-11-02',
    phone: '(617) 555-0178',
    emails: [
      { address: 'liam.oconnor@example.org', type: 'home', emailOk: true },
      { address: 'l.oconnor@work.example.com', type: 'work', emailOk: false },
    ],
    addedDaysAgo: 380,
  },
  {
    firstName: 'Zoë',
    lastName: 'Lefèvre',
    preferredName: null,
    dateOfBirth: '1998-06-21',
    phone: '(857) 555-0110',
    emails: [{ address: 'zoe.lefevre@example.net', type: 'home', emailOk: true }],
    addedDaysAgo: 300,
  },
  {
    firstName: 'José',
    lastName: 'Núñez',
    preferredName: 'Pepe',
    dateOfBirth: '1976-01-30',
    phone: '(781) 555-0193',
    emails: [{ address: 'jose.nunez@example.com', type: 'home', emailOk: false }],
    addedDaysAgo: 260,
  },
  {
    firstName: 'Priya',
    lastName: 'Raman-Shah',
    preferredName: null,
    dateOfBirth: '1988-09-14',
    phone: '(617) 555-0126',
    emails: [
      { address: 'priya.ramanshah@example.com', type: 'home', emailOk: true },
      { address: 'priya@design.example.org', type: 'work', emailOk: true },
    ],
    addedDaysAgo: 210,
  },
  {
    firstName: 'Theodore',
    lastName: 'Whitfield',
    preferredName: 'Teddy',
    dateOfBirth: '2011-04-08',
    phone: '(508) 555-0161',
    emails: [{ address: 'whitfield.family@example.net', type: 'home', emailOk: true }],
    addedDaysAgo: 175,
  },
  {
    firstName: 'Aisha',
    lastName: 'Bello',
    preferredName: null,
    dateOfBirth: '1979-12-25',
    phone: null,
    emails: [{ address: 'aisha.bello@example.org', type: 'home', emailOk: true }],
    addedDaysAgo: 140,
  },
  {
    firstName: 'Søren',
    lastName: 'Østergaard',
    preferredName: null,
    dateOfBirth: '1965-07-19',
    phone: '(617) 555-0187',
    emails: [{ address: 'soren.ostergaard@example.com', type: 'other', emailOk: true }],
    addedDaysAgo: 120,
  },
  {
    firstName: 'Hannah',
    lastName: 'Kim',
    preferredName: null,
    dateOfBirth: null,
    phone: '(339) 555-0104',
    emails: [],
    addedDaysAgo: 64,
  },
  {
    firstName: 'Marcus',
    lastName: 'DeShawn Williams',
    preferredName: 'Marc',
    dateOfBirth: '2001-02-27',
    phone: '(617) 555-0155',
    emails: [{ address: 'marc.williams@example.com', type: 'home', emailOk: true }],
    addedDaysAgo: 30,
  },
  {
    firstName: 'Eleanor',
    lastName: 'Vance',
    preferredName: 'Nell',
    dateOfBirth: '1953-10-03',
    phone: '(978) 555-0139',
    emails: [{ address: 'eleanor.vance@example.org', type: 'home', emailOk: false }],
    addedDaysAgo: 12,
  },
  {
    firstName: 'Robert',
    lastName: 'Chen',
    preferredName: null,
    dateOfBirth: '1970-05-16',
    phone: '(617) 555-0171',
    emails: [{ address: 'robert.chen@example.net', type: 'work', emailOk: true }],
    addedDaysAgo: 520,
    archived: true,
  },
];

export interface DemoMessage {
  from: 'client' | 'owner' | 'clinician';
  body: string;
  daysAgo: number;
  hoursAgo?: number;
  attach?: 'worksheet' | 'sleepDiary' | 'picture';
  /** Read by the other side this many hours later; left out, it is still unread. */
  readAfterHours?: number;
}

/** Conversations of the clients with active portal access (by first name), oldest message first. */
export const demoConversations: readonly { client: string; messages: readonly DemoMessage[] }[] = [
  {
    client: 'Margaret',
    messages: [
      {
        from: 'client',
        body: 'Hi Dr. Marsh, could we move Thursday’s session to the afternoon? Work has changed my mornings.',
        daysAgo: 30,
        hoursAgo: 6,
        readAfterHours: 2,
      },
      {
        from: 'owner',
        body: 'Of course, Maggie. Thursday at 3:00 pm is yours from now on.',
        daysAgo: 30,
        hoursAgo: 4,
        readAfterHours: 3,
      },
      {
        from: 'owner',
        body: 'Here is the thought record we talked about. Try one on a day that felt heavy, and bring it along.',
        daysAgo: 6,
        attach: 'worksheet',
        readAfterHours: 20,
      },
      {
        from: 'client',
        body: 'Thank you! I filled one in after Tuesday’s meeting. It helped more than I expected.',
        daysAgo: 5,
        readAfterHours: 1,
      },
      {
        from: 'owner',
        body: 'That is good to hear. For this week, could you also keep a sleep diary? The form is attached.',
        daysAgo: 0,
        hoursAgo: 5,
        attach: 'sleepDiary',
      },
      {
        from: 'owner',
        body: 'And a reminder: see you on Thursday at 3:00 pm.',
        daysAgo: 0,
        hoursAgo: 4,
      },
    ],
  },
  {
    client: 'Liam',
    messages: [
      {
        from: 'clinician',
        body: 'Hi Liam, welcome to the portal. You can write to me here between sessions.',
        daysAgo: 58,
        readAfterHours: 4,
      },
      {
        from: 'client',
        body: 'Thanks Samir. Here is my sleep diary for the first week.',
        daysAgo: 1,
        hoursAgo: 20,
        attach: 'sleepDiary',
      },
      {
        from: 'client',
        body: 'Also: is it all right if I bring my partner to the next session?',
        daysAgo: 1,
        hoursAgo: 19,
      },
    ],
  },
  {
    client: 'Zoë',
    messages: [
      {
        from: 'clinician',
        body: 'Hello Zoë, as promised, the worksheet from today.',
        daysAgo: 38,
        attach: 'worksheet',
        readAfterHours: 6,
      },
      {
        from: 'client',
        body: 'Thanks! And here is the picture I mentioned, from the walk by the harbour.',
        daysAgo: 37,
        attach: 'picture',
        readAfterHours: 2,
      },
      {
        from: 'clinician',
        body: 'Lovely. Hold on to that calm — we’ll build on it next week.',
        daysAgo: 37,
        hoursAgo: -3,
        readAfterHours: 1,
      },
    ],
  },
  {
    client: 'Søren',
    messages: [
      {
        from: 'client',
        body: 'I am moving to Copenhagen next month, so this will be my last block of sessions.',
        daysAgo: 40,
        readAfterHours: 3,
      },
      {
        from: 'owner',
        body: 'Thank you for letting me know, Søren. Let’s plan our last sessions together.',
        daysAgo: 39,
        readAfterHours: 5,
      },
    ],
  },
];
