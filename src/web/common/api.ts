import {
  pathOf,
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '../../shared/contract/endpoint.js';
import type { ErrorCode, FieldError, TimeConflict } from '../../shared/errors.js';

/** An error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error' | 'unknown';
  readonly fields: FieldError[];
  /** Seconds from a Retry-After header (rate limiting), when the server sent one. */
  readonly retryAfter: number | null;
  /** Refines the code, e.g. why a sign-in link did not work (`error.reason` in the body). */
  readonly reason: string | null;
  /** With reason `time_taken` on a staff booking: what the time overlaps (`error.conflicts`). */
  readonly conflicts: TimeConflict[];

  constructor(options: {
    status: number;
    code: ApiError['code'];
    message: string;
    fields?: FieldError[];
    retryAfter?: number | null;
    reason?: string | null;
    conflicts?: TimeConflict[];
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? [];
    this.retryAfter = options.retryAfter ?? null;
    this.reason = options.reason ?? null;
    this.conflicts = options.conflicts ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;

/** Keeps the CSRF token sent on mutating requests; call with every session state the server returns. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFields(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string'
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

function parseConflicts(value: unknown): TimeConflict[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) &&
    (item.kind === 'appointment' || item.kind === 'request') &&
    typeof item.id === 'string' &&
    typeof item.startsAt === 'string' &&
    typeof item.endsAt === 'string'
      ? [{ kind: item.kind, id: item.id, startsAt: item.startsAt, endsAt: item.endsAt }]
      : [],
  );
}

const fallbackMessages: Record<number, string> = {
  400: 'The request could not be processed.',
  401: 'Please sign in again.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  409: 'That conflicts with existing data.',
  413: 'That is too large.',
  429: 'Too many attempts. Please wait a moment and try again.',
};

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const message =
    error && typeof error.message === 'string'
      ? error.message
      : (fallbackMessages[response.status] ?? 'Something went wrong. Please try again.');
  return new ApiError({
    status: response.status,
    code: error && typeof error.code === 'string' ? (error.code as ErrorCode) : 'unknown',
    message,
    fields: error ? parseFields(error.fields) : [],
    retryAfter,
    reason: error && typeof error.reason === 'string' ? error.reason : null,
    conflicts: error ? parseConflicts(error.conflicts) : [],
  });
}

/**
 * Sends a request to the API and returns its JSON answer. A FormData body goes as
 * multipart/form-data (the browser sets the boundary), anything else as JSON.
 */
async function request(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: 'Could not reach Portico. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined;
  return (await response.json()) as unknown;
}

/** One part of a call's input: left out when the endpoint has none, optional when it may be empty. */
type Part<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : object extends T
    ? { [P in K]?: T }
    : undefined extends T
      ? { [P in K]?: T }
      : { [P in K]: T };

/** What a call to an endpoint takes: exactly the params, query and body its schemas declare. */
export type CallInput<E extends Endpoint> = Part<'params', ParamsOf<E>> &
  Part<'query', QueryOf<E>> &
  Part<'body', BodyOf<E>> & { signal?: AbortSignal };

/** The call's input may be left out when nothing in it is required. */
type InputArgs<E extends Endpoint> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

/**
 * Calls an endpoint of the shared contract and returns its answer, typed by the endpoint's
 * response schema. The server checks every answer against that schema before it sends it (the
 * zod serializer in src/server/app.ts answers 500 otherwise), so the web apps do not parse it
 * again: they carry only each endpoint's method and path, not zod (scripts/web-contract.ts).
 */
export async function call<E extends Endpoint>(spec: E, ...[input]: InputArgs<E>): Promise<ResponseOf<E>> {
  const given = (input ?? {}) as {
    params?: Record<string, string>;
    query?: unknown;
    body?: unknown;
    signal?: AbortSignal;
  };
  const path = pathOf(spec, given.params);
  const body = spec.method === 'GET' ? undefined : (given.body ?? {});
  const answer = await request(spec.method, path, {
    query: given.query as Record<string, QueryValue> | undefined,
    body,
    signal: given.signal,
  });
  return answer as ResponseOf<E>;
}

/** The address of an endpoint that answers with a file or a stream (for links, downloads and EventSource). */
export function urlOf<E extends Endpoint>(
  spec: E,
  ...[params]: ParamsOf<E> extends undefined ? [] : [params: ParamsOf<E>]
): string {
  return pathOf(spec, params as Record<string, string> | undefined);
}

/**
 * Sends a file to an endpoint taking a multipart body and returns its answer, as `call` does,
 * telling `onProgress` how much of the file has gone (0 to 1) as it goes: fetch cannot report an
 * upload's progress, so this request alone goes by XMLHttpRequest. It fails with the same
 * ApiError as `call`.
 */
export function uploadWithProgress<E extends Endpoint & { body: 'multipart' }>(
  spec: E,
  params: ParamsOf<E>,
  body: FormData,
  onProgress: (fraction: number) => void,
): Promise<ResponseOf<E>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(spec.method, pathOf(spec, params as Record<string, string> | undefined));
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ResponseOf<E>);
        } catch {
          reject(new ApiError({ status: xhr.status, code: 'unknown', message: 'The answer could not be read.' }));
        }
        return;
      }
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' });
      const retryAfter = xhr.getResponseHeader('retry-after');
      if (retryAfter) headers.set('retry-after', retryAfter);
      void toApiError(new Response(xhr.responseText, { status: xhr.status, headers })).then(reject);
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          status: 0,
          code: 'network_error',
          message: 'Could not reach Portico. Check your connection and try again.',
        }),
      );
    xhr.send(body);
  });
}
