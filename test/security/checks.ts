/** What every response must look like, whoever asked and whatever they sent. */
import type { LightMyRequestResponse } from 'fastify';
import { errorStatus } from '../../src/shared/errors.js';

/** Signs of a leaked internal: a stack, a source path, a database error or query. */
const internals: [string, RegExp][] = [
  ['a stack property', /"stack"\s*:/],
  ['a stack frame', /\bat [^\s()]+ \([^)]*:\d+:\d+\)|\bat (?:file:\/\/|\/)[^\s]*:\d+:\d+/],
  ['a server path', /\/work\/|node_modules|\/src\/server\//],
  [
    'a database error',
    /SQLITE_|sqlite3?\b|SqliteError|syntax error at or near|violates (?:unique|foreign key|not-null|check) constraint|relation "[^"]+" does not exist|invalid input syntax for|invalid byte sequence|duplicate key value/i,
  ],
  [
    'SQL text',
    /\bselect\s+(?:\*|"?[a-z_]+"?\.?)[^]{0,200}?\bfrom\s+"?[a-z_]+|\binsert\s+into\s+"?[a-z_]+|\bupdate\s+"?[a-z_]+"?\s+set\b|\bdelete\s+from\s+"?[a-z_]+/i,
  ],
];

/** Problems with a response's body: empty when it is clean. */
export function internalsIn(body: string): string[] {
  return internals.filter(([, pattern]) => pattern.test(body)).map(([name]) => name);
}

export const isErrorCode = (code: unknown): code is keyof typeof errorStatus =>
  typeof code === 'string' && Object.hasOwn(errorStatus, code);

/**
 * Problems with a response: a 5xx, an error that is not `{ error: { code, message } }` with the
 * status its code maps to, leaked internals, or a redirect to another origin.
 */
export function responseProblems(
  response: LightMyRequestResponse,
  method: string,
  origin = 'http://portico.test',
): string[] {
  const problems: string[] = [];
  if (response.statusCode >= 500) problems.push(`status ${response.statusCode}`);
  const location = response.headers.location;
  if (location !== undefined) {
    const target = new URL(location, `${origin}/some/page`);
    if (target.origin !== origin) problems.push(`redirects off-site to ${location}`);
  }
  const isJson = String(response.headers['content-type'] ?? '').startsWith('application/json');
  if (response.statusCode >= 400 && method !== 'HEAD') {
    let code: unknown;
    try {
      code = (JSON.parse(response.body) as { error?: { code?: unknown } }).error?.code;
    } catch {
      problems.push('error body is not JSON');
    }
    if (!isErrorCode(code)) problems.push(`error body has no known error.code: ${String(code)}`);
    else if (errorStatus[code] !== response.statusCode) problems.push(`${code} answered with ${response.statusCode}`);
    if (!isJson) problems.push(`error content-type ${String(response.headers['content-type'])}`);
  }
  // Files served as they are (API docs assets, downloads) are not the server speaking.
  if (response.statusCode >= 300 || isJson) {
    for (const found of internalsIn(response.body)) problems.push(`body shows ${found}`);
  }
  return problems;
}

/** A short description of a response for assertion messages. */
export const describeResponse = (response: LightMyRequestResponse): string =>
  `${response.statusCode} ${response.body.slice(0, 400)}`;

/** The directives of a Content-Security-Policy header. */
export function cspDirectives(header: string | string[] | number | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of [header ?? ''].flat().join(';').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/**
 * Problems with a response's security headers: a CSP that allows inline or foreign scripts or
 * framing, no nosniff, no Referrer-Policy, HSTS where it does not belong (or missing where it
 * does), and client data that a cache may keep.
 */
export function headerProblems(response: LightMyRequestResponse, options: { path: string; https?: boolean }): string[] {
  const problems: string[] = [];
  const { headers } = response;
  const csp = cspDirectives(headers['content-security-policy']);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  if (!scripts) problems.push('no script-src or default-src in the CSP');
  else if (!scripts.every((source) => source === "'self'" || source === "'none'"))
    problems.push(`script-src ${scripts.join(' ')}`);
  if (csp.get('frame-ancestors')?.join(' ') !== "'none'")
    problems.push(`frame-ancestors ${String(csp.get('frame-ancestors'))}`);
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no x-content-type-options: nosniff');
  if (!headers['referrer-policy']) problems.push('no referrer-policy');
  const hsts = headers['strict-transport-security'];
  if (options.https && !/max-age=\d{7,}/.test(String(hsts))) problems.push(`HSTS ${String(hsts)} over https`);
  if (!options.https && hsts !== undefined) problems.push('HSTS over plain http');
  const pathname = options.path.split('?')[0] ?? '';
  if (pathname.startsWith('/api/') && headers['cache-control'] !== 'no-store') {
    problems.push(`cache-control ${String(headers['cache-control'])} on an API response`);
  }
  return problems;
}
