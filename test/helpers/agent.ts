import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { factoryPassword } from '../factories/practices.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser, as far as the API can tell: it carries the session cookie and CSRF token. */
export class Agent {
  constructor(
    private readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  request(
    method: Method,
    url: string,
    payload?: unknown,
    extra: Partial<InjectOptions> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...(extra.headers ?? {}) },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, payload?: unknown) {
    return this.request('POST', url, payload ?? {});
  }
  put(url: string, payload: unknown) {
    return this.request('PUT', url, payload);
  }
}

/** The session cookie a response set: `portico_staff`, or `__Host-portico_staff` when served over https. */
export function sessionCookieFrom(response: LightMyRequestResponse, name = 'portico_staff'): string {
  const cookie = response.cookies.find((c) => c.name === name || c.name === `__Host-${name}`);
  if (!cookie) throw new Error(`no ${name} cookie in response (status ${response.statusCode}): ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

export async function signInAs(app: FastifyInstance, email: string, password = factoryPassword): Promise<Agent> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ csrfToken: string }>();
  return new Agent(app, sessionCookieFrom(response), body.csrfToken);
}
