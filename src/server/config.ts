import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { z } from 'zod';
import { filesStorageOf } from './files-url.js';
import type { Config, DemoSettings } from './platform/app-config.js';
import { smtpSettings } from './platform/smtp-settings.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts beside addresses. */
const proxyRangeNames = ['loopback', 'linklocal', 'uniquelocal'];

const proxyAdvice =
  'list the proxy’s addresses or networks instead, e.g. TRUST_PROXY=127.0.0.1 (or loopback) for a proxy on this machine, TRUST_PROXY=10.0.0.0/8 for one in that network';

/** Why one entry of TRUST_PROXY's list is no address, CIDR range or range name; null when it is one. */
function proxyEntryProblem(entry: string): string | null {
  if (proxyRangeNames.includes(entry)) return null;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version !== 0 && !address.includes('%') && rest.length === 0) {
    if (prefix === undefined) return null;
    if (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)) return null;
  }
  return `"${entry}" is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or one of ${proxyRangeNames.join(', ')}`;
}

/**
 * Which peers may speak for a client in X-Forwarded-For and X-Forwarded-Proto: none (false), or the
 * proxies' addresses and networks. Trusting every hop (`true`) lets a client choose its own address,
 * and a number of hops cannot tell the proxy from a client connecting directly, which Fastify
 * refuses too: docs/decisions/011.
 */
const trustProxyFromEnv = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): false | readonly string[] => {
    if (value === 'false' || value === '0' || value === 'no' || value === '') return false;
    if (value === 'true' || value === 'yes') {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" would trust every X-Forwarded-For entry, so a client could choose its own address; ${proxyAdvice}`,
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `a number of proxy hops ("${value}") cannot tell the proxy from a client connecting directly; ${proxyAdvice}`,
      });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const problems = entries.map(proxyEntryProblem).filter((problem) => problem !== null);
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return problems.length > 0 ? z.NEVER : Object.freeze(entries);
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .superRefine((url, ctx) => {
      // Its timeouts must let one delivery attempt fit inside the MailWorker's claim on an email.
      try {
        smtpSettings(url);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: error instanceof Error ? error.message.replace(/^SMTP_URL: /, '') : String(error),
        });
      }
    })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Portico <no-reply@portico.localhost>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ALLOW_SIGNUP: booleanFromEnv.default(true),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  TRUST_PROXY: trustProxyFromEnv,
  PORTAL_LINK_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(24),
  PORTAL_INVITATION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24 * 7),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  FILES_URL: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  MESSAGE_NOTIFY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(300),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  DEMO: booleanFromEnv.default(false),
});

/** What `npm run demo` writes beside the demo's database (DEMO_FILE) for the server to read. */
export const demoSettingsSchema = z.strictObject({
  practiceId: z.string().min(1),
  staffEmail: z.string().min(3),
  password: z.string().min(1),
  portalClientId: z.string().min(1),
});

/** The demo's settings file, in the demo's own (temporary) data directory. */
export const DEMO_FILE = 'demo.json';

export type { Config };

export class ConfigError extends Error {}

function invalid(error: z.ZodError): ConfigError {
  const lines = error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

const databaseUrlOf = (env: { DATA_DIR: string; DATABASE_URL?: string | undefined }): string =>
  env.DATABASE_URL ?? path.join(path.resolve(env.DATA_DIR), 'portico.db');

/** The one place that reads the environment. A bad value stops the process naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw invalid(parsed.error);
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const databaseUrl = databaseUrlOf(env);
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production');
  }
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    // Otherwise every emailed link would point at http://localhost.
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: required in production (the address written into links in emails, e.g. https://portico.example.org)',
    );
  }
  if (env.NODE_ENV === 'production' && env.DEMO) {
    // A demo shows its password on the sign-in page: never on a server with real clients.
    throw new ConfigError('Invalid configuration:\n  DEMO: not allowed in production (it is set by npm run demo only)');
  }
  const files = filesStorageOf(env, dataDir);
  if ('problem' in files) throw new ConfigError(`Invalid configuration:\n  ${files.problem}`);
  const demo = env.DEMO ? readDemoSettings(dataDir) : null;
  const sessionSecret = env.SESSION_SECRET ?? developmentSecret(dataDir);
  const tls = readTls(env.TLS_CERT_FILE, env.TLS_KEY_FILE);
  const publicUrl = (env.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://localhost:${env.PORT}`).replace(/\/+$/, '');
  if (tls && !publicUrl.startsWith('https://')) {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: must start with https:// when Portico serves TLS itself (TLS_CERT_FILE)',
    );
  }
  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseUrl,
    publicUrl,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    mailFromAddress: /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM,
    sessionSecret,
    allowSignup: env.ALLOW_SIGNUP,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    // A line per request in production; outside it, warnings and errors only, so `npm start` shows
    // where Portico runs rather than a JSON line per request (LOG_LEVEL=info brings them back).
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'production' ? 'info' : 'warn'),
    outboxPollMs: env.OUTBOX_POLL_MS,
    trustProxy: env.TRUST_PROXY,
    portalLinkHours: env.PORTAL_LINK_HOURS,
    portalInvitationHours: env.PORTAL_INVITATION_HOURS,
    files: Object.freeze(files),
    messageNotifySeconds: env.MESSAGE_NOTIFY_SECONDS,
    devMailbox: !env.SMTP_URL && env.NODE_ENV !== 'production',
    tls,
    demo,
  });
}

/** DEMO=1 needs the settings file `npm run demo` wrote beside the demo practice it seeded. */
function readDemoSettings(dataDir: string): DemoSettings {
  const file = path.join(dataDir, DEMO_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'not JSON';
    throw new ConfigError(
      `Invalid configuration:\n  DEMO: needs ${file}, written by npm run demo when it seeds the demo practice (${reason})`,
    );
  }
  const parsed = demoSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'file').join(', ');
    throw new ConfigError(`Invalid configuration:\n  DEMO: ${file} is not a demo settings file (${fields})`);
  }
  return Object.freeze(parsed.data);
}

/** Reads the certificate and key once at start, refusing a pair that TLS could not use. */
function readTls(certFile: string | undefined, keyFile: string | undefined): Config['tls'] {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    throw new ConfigError(
      `Invalid configuration:\n  ${certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'}: required with ${certFile ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'}`,
    );
  }
  const read = (variable: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      throw new ConfigError(`Invalid configuration:\n  ${variable}: cannot read ${file} (${reason})`);
    }
  };
  const pair = { cert: read('TLS_CERT_FILE', certFile), key: read('TLS_KEY_FILE', keyFile) };
  try {
    createSecureContext(pair);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `Invalid configuration:\n  TLS_CERT_FILE, TLS_KEY_FILE: not a certificate and its private key (${reason})`,
    );
  }
  return Object.freeze(pair);
}

/**
 * Only the database's address (DATABASE_URL, or the SQLite file in DATA_DIR), exactly as the server
 * reads it: for `npm run migrate`, which needs none of the server's secrets and writes none.
 */
export function loadDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const parsed = envSchema.pick({ DATA_DIR: true, DATABASE_URL: true }).safeParse(source);
  if (!parsed.success) throw invalid(parsed.error);
  return databaseUrlOf(parsed.data);
}

/** Outside production a secret is generated once and kept beside the database. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
