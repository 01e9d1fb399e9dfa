import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileStorage } from './platform/app-config.js';

/** What FILES_URL may be; said in every refusal. */
const shapes =
  'file:///<absolute path> or s3://<bucket>[/<prefix>]?region=<region>[&endpoint=<url>][&forcePathStyle=true]';

/** S3's rule for bucket names (3–63 lowercase letters, digits, dots and dashes). */
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const prefixPattern = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const s3Parameters = ['region', 'endpoint', 'forcePathStyle'];

export interface FilesEnv {
  FILES_URL?: string | undefined;
  ATTACHMENTS_DIR?: string | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
  AWS_SESSION_TOKEN?: string | undefined;
}

/**
 * Where files are stored, from FILES_URL: unset for the disk under DATA_DIR (or ATTACHMENTS_DIR,
 * as before FILES_URL), `file:///path` for another folder, `s3://…` for S3-compatible object
 * storage with the standard AWS_* credentials. Answers the problem as `VARIABLE: what is wrong`.
 */
export function filesStorageOf(env: FilesEnv, dataDir: string): FileStorage | { problem: string } {
  const url = env.FILES_URL?.trim() ?? '';
  if (url === '') {
    return { kind: 'disk', directory: path.resolve(env.ATTACHMENTS_DIR ?? path.join(dataDir, 'attachments')) };
  }
  if (env.ATTACHMENTS_DIR) {
    return { problem: 'FILES_URL: set FILES_URL or ATTACHMENTS_DIR (the older name for a folder), not both' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `FILES_URL: not a URL; expected ${shapes}` };
  }
  if (parsed.protocol === 'file:') {
    if (parsed.host !== '' || parsed.search !== '' || parsed.pathname === '/') {
      return { problem: `FILES_URL: a folder is named as file:///<absolute path>, e.g. file:///var/lib/portico/files` };
    }
    return { kind: 'disk', directory: path.resolve(fileURLToPath(parsed)) };
  }
  if (parsed.protocol !== 's3:') {
    return { problem: `FILES_URL: "${parsed.protocol}" is not a file store; expected ${shapes}` };
  }
  return s3StorageOf(parsed, env);
}

function s3StorageOf(url: URL, env: FilesEnv): FileStorage | { problem: string } {
  const problem = (text: string) => ({ problem: `FILES_URL: ${text}` });
  if (url.username || url.password) {
    return problem('keys do not belong in the URL; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  }
  const bucket = url.hostname;
  if (!bucketPattern.test(bucket)) {
    return problem(`"${bucket}" is not a bucket name (3–63 lowercase letters, digits, dots and dashes)`);
  }
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && !prefixPattern.test(prefix)) {
    return problem(
      `the prefix "${prefix}" may hold only letters, digits, dots, dashes and underscores between slashes`,
    );
  }
  const unknown = [...url.searchParams.keys()].filter((key) => !s3Parameters.includes(key));
  if (unknown.length > 0) return problem(`unknown parameter ${unknown.join(', ')} (known: ${s3Parameters.join(', ')})`);
  const region = url.searchParams.get('region')?.trim() ?? '';
  if (!/^[a-z0-9-]+$/.test(region)) {
    return problem('needs ?region=<region> (e.g. eu-west-1; auto for Cloudflare R2; us-east-1 for most others)');
  }
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined) {
    let parsedEndpoint: URL | null = null;
    try {
      parsedEndpoint = new URL(endpoint);
    } catch {
      // Said below.
    }
    if (!parsedEndpoint || !['http:', 'https:'].includes(parsedEndpoint.protocol)) {
      return problem(`endpoint "${endpoint}" is not an http:// or https:// address`);
    }
  }
  const pathStyle = url.searchParams.get('forcePathStyle') ?? 'false';
  if (pathStyle !== 'true' && pathStyle !== 'false') return problem('forcePathStyle must be true or false');
  const keyId = env.AWS_ACCESS_KEY_ID?.trim() ?? '';
  const secret = env.AWS_SECRET_ACCESS_KEY?.trim() ?? '';
  if ((keyId === '') !== (secret === '')) {
    return {
      problem: `${keyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'}: required with ${keyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'}`,
    };
  }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return {
    kind: 's3',
    s3: {
      bucket,
      prefix,
      region,
      ...(endpoint ? { endpoint } : {}),
      forcePathStyle: pathStyle === 'true',
      // Without keys, the SDK's own chain decides (an instance or task role, a profile).
      ...(keyId
        ? { credentials: { accessKeyId: keyId, secretAccessKey: secret, ...(sessionToken ? { sessionToken } : {}) } }
        : {}),
    },
  };
}
