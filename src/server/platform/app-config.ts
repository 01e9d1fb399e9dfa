import type { S3Location } from './file-store-s3.js';

/**
 * The settings Portico runs with. config.ts reads them from the environment (the one place that
 * does); the platform and the modules receive them typed by this, importing nothing of config.ts.
 */
export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The bare address of MAIL_FROM; emails show the practice's name in front of it. */
  mailFromAddress: string;
  sessionSecret: string;
  allowSignup: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  logLevel: string;
  outboxPollMs: number;
  /** The reverse proxies whose X-Forwarded-For/-Proto are believed (addresses, CIDR ranges), or none. */
  trustProxy: false | readonly string[];
  /** How long an emailed sign-in link works (docs/decisions/005). */
  portalLinkHours: number;
  portalInvitationHours: number;
  /** Where files (attachments, logos) are stored: FILES_URL (docs/decisions/021). */
  files: FileStorage;
  /** How long a message waits unread before its recipient gets one email about it. */
  messageNotifySeconds: number;
  /** The development mailbox is shown only when no SMTP server is configured outside production. */
  devMailbox: boolean;
  /** Certificate and key (PEM) when Portico serves HTTPS itself; null behind a TLS-terminating proxy. */
  tls: Readonly<{ cert: string; key: string }> | null;
  /**
   * Set only by `npm run demo` (DEMO=1): the demo practice whose sign-in page shows its
   * credentials and whose staff may open the portal as one demo client (docs/decisions/018).
   * Null on every other server.
   */
  demo: DemoSettings | null;
}>;

/** The disk (a folder, which several servers can share only on a shared disk) or an S3-compatible bucket. */
export type FileStorage = Readonly<{ kind: 'disk'; directory: string } | { kind: 's3'; s3: S3Location }>;

export type DemoSettings = Readonly<{
  practiceId: string;
  staffEmail: string;
  password: string;
  /** The client the demo banner opens the portal as, through a fresh sign-in link. */
  portalClientId: string;
}>;
