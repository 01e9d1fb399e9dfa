import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API endpoint, declared once: the server registers its route from it and the web apps call
 * it through the one API client, which builds the URL from `path` and parses the answer with
 * `response`. A `multipart` body is read by the route itself (file uploads); a `download` or an
 * `events` stream answers with something other than JSON and has no response schema.
 */
export interface Endpoint {
  readonly method: Method;
  /** Under /api, with `:name` for each path parameter. */
  readonly path: `/api/${string}`;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType | 'multipart';
  readonly response?: z.ZodType;
  /** The success status, 200 unless said (201 for creations). */
  readonly status?: 200 | 201;
  readonly answers?: 'json' | 'download' | 'events';
  /** Left out of the OpenAPI document (streams and downloads have no JSON to describe). */
  readonly hidden?: boolean;
}

/** Declares an endpoint, keeping its exact schemas in the type so both sides infer from them. */
export function endpoint<const E extends Endpoint>(spec: E): E {
  return spec;
}

type Schema<E extends Endpoint, K extends 'params' | 'query'> = E[K] extends z.ZodType ? E[K] : undefined;

/** What a caller passes: the parsed input types of the endpoint's params, query and body. */
export type ParamsOf<E extends Endpoint> =
  Schema<E, 'params'> extends z.ZodType ? z.input<Schema<E, 'params'>> : undefined;
export type QueryOf<E extends Endpoint> =
  Schema<E, 'query'> extends z.ZodType ? z.input<Schema<E, 'query'>> : undefined;
export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType
  ? z.input<E['body']>
  : E['body'] extends 'multipart'
    ? FormData
    : undefined;
/** What the endpoint answers, as the response schema parses it. */
export type ResponseOf<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : undefined;

/** The endpoint's path with its parameters filled in, each percent-encoded. */
export function pathOf(spec: Endpoint, params?: Record<string, string | number>): string {
  return spec.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${spec.path} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** Fastify's form of the endpoint's path (it already is: `:name` parameters). */
export function routePath(spec: Endpoint): string {
  return spec.path.slice('/api'.length);
}
