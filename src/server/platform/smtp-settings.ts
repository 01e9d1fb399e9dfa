/**
 * The MailWorker's claim on an email and the SMTP settings that must fit inside it. Apart from the
 * worker so that configuration can check SMTP_URL at startup (config.ts) without loading the worker.
 */

/** How long a claim holds its rows: no other instance takes them before it runs out. */
export const LEASE_MS = 120_000;
/** What an email's lease must have left beyond the attempt's own deadline when it is handed over: time to record the outcome. */
export const RECORD_MARGIN_MS = 20_000;
/**
 * SMTP timeouts in milliseconds. nodemailer's own (2 min to connect, 30 s for the greeting, 10 min of
 * silence) outlast the lease: a hung server would let the lease run out mid-send and a second
 * instance send the same email. SMTP_URL may set its own (`?socketTimeout=60000`) as long as an
 * attempt still fits in the lease; smtpSettings() refuses one that does not.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;
type SmtpTimeouts = { -readonly [K in keyof typeof SMTP_TIMEOUTS]: number };

/**
 * Pooled connections, reused from email to email (each instance has its own), renewed after 100
 * messages. One by default, handing over one email at a time; `?maxConnections=4` in SMTP_URL
 * opens up to four and hands over as many emails at once (decision 015). A pooled connection the
 * server dropped before the message went out is retried once on a fresh one within the attempt;
 * anything else fails the attempt and the outbox retries it. `?pool=false` connects per email.
 */
const POOL = { pool: true, maxMessages: 100, maxRequeues: 1 } as const;
const MAX_CONNECTIONS = 20;

export interface SmtpSettings {
  /** nodemailer's options: SMTP_URL, with the pool and timeouts above where it does not set its own. */
  transport: { url: string; maxConnections: number } & typeof POOL & SmtpTimeouts;
  /** The longest one delivery attempt may take: a timer ends it there, whatever the server does. */
  attemptMs: number;
  /** How many emails the worker hands over at once: one per pooled connection. */
  connections: number;
}

/** Reads the transport options from SMTP_URL and checks that one attempt fits in the claim lease. */
export function smtpSettings(url: string): SmtpSettings {
  const query = new URL(url).searchParams;
  const timeouts = { ...SMTP_TIMEOUTS } as SmtpTimeouts;
  for (const key of Object.keys(timeouts) as (keyof SmtpTimeouts)[]) {
    const value = query.has(key) ? Number(query.get(key)) : timeouts[key];
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`SMTP_URL: ${key} must be a positive number of milliseconds`);
    timeouts[key] = value;
  }
  // Connecting and the greeting, then the whole conversation within one more socket timeout.
  const attemptMs = timeouts.connectionTimeout + timeouts.greetingTimeout + timeouts.socketTimeout;
  if (attemptMs + RECORD_MARGIN_MS > LEASE_MS) {
    throw new Error(
      `SMTP_URL: connectionTimeout + greetingTimeout + socketTimeout (${attemptMs} ms) must leave ` +
        `${RECORD_MARGIN_MS / 1000} s of the ${LEASE_MS / 1000} s claim on an email`,
    );
  }
  const connections = query.has('maxConnections') ? Number(query.get('maxConnections')) : 1;
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    throw new Error(`SMTP_URL: maxConnections must be a whole number from 1 to ${MAX_CONNECTIONS}`);
  }
  return { transport: { url, ...POOL, maxConnections: connections, ...timeouts }, attemptMs, connections };
}
