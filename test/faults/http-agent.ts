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
    const response = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    // `__Host-portico_staff` when the server is served over https.
    const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?portico_staff=/.test(c));
    if (!cookie) throw new Error('no session cookie');
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
}
