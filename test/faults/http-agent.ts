import http from 'node:http';
import { factoryPassword } from '../factories/practices.js';
import { multipartBody, type TestFile } from '../helpers/messages.js';

/** A signed-in browser talking to a server process over HTTP: the session cookie and CSRF token. */
export class HttpAgent {
  constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  static async signIn(base: string, email: string, password = factoryPassword): Promise<HttpAgent> {
    return HttpAgent.signedIn(base, 'portico_staff', '/api/auth/sign-in', { email, password });
  }

  /** A client signing in to a practice's portal with a sign-in link's token. */
  static async signInToPortal(base: string, slug: string, token: string): Promise<HttpAgent> {
    return HttpAgent.signedIn(base, 'portico_client', `/api/portal/${slug}/sign-in/link`, { token });
  }

  /** Posts a sign-in and keeps the session cookie it sets (`__Host-` prefixed when served over https). */
  private static async signedIn(base: string, cookieName: string, path: string, body: unknown): Promise<HttpAgent> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((c) => c.replace(/^__Host-/, '').startsWith(`${cookieName}=`));
    if (!cookie) throw new Error(`no ${cookieName} cookie`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new HttpAgent(base, cookie.split(';')[0] ?? '', csrfToken);
  }

  /** The same session, sent to another server. */
  at(base: string): HttpAgent {
    return new HttpAgent(base, this.cookie, this.csrfToken);
  }

  fetch(
    path: string,
    init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      ...init,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...init.headers },
    });
  }

  postJson(path: string, body: unknown): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  }

  async postMessage(path: string, fields: { body?: string; files?: TestFile[] }): Promise<Response> {
    const { payload, contentType } = await multipartBody(fields);
    return this.fetch(path, {
      method: 'POST',
      body: new Uint8Array(payload),
      headers: { 'content-type': contentType },
    });
  }

  /**
   * A message upload whose body the test writes itself, at its own pace (to leave it half sent, or
   * cut it off): this session's cookie and CSRF token, the whole body's length announced, a
   * connection of its own. `ended` says how it ended: `answered <status>`, or the error's code.
   */
  openUpload(path: string, body: { payload: Buffer; contentType: string }) {
    const request = http.request(`${this.base}${path}`, {
      method: 'POST',
      agent: false,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        'content-type': body.contentType,
        'content-length': body.payload.length,
      },
    });
    const ended = new Promise<string>((resolve) => {
      request.on('response', (response) => resolve(`answered ${response.statusCode ?? 0}`));
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    return { request, ended };
  }
}
