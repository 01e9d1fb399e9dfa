import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageBodyMax, type Message } from '../../../shared/schemas/messages.js';
import { messagingWorld, postMessage } from '../../../../test/helpers/messages.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

/**
 * The limit is 10,000 characters counted as the composer counts them (`body.length`, after line
 * endings are normalised to \n), whatever the bytes on the wire: a browser sends each newline as
 * CRLF, and a character may take up to 4 bytes in UTF-8.
 */

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A multipart body built by hand, to send what a browser's FormData would not. */
function rawMultipart(headers: string, value: Buffer | string) {
  const boundary = 'portico-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
    typeof value === 'string' ? Buffer.from(value) : value,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const tooLong = {
  code: 'validation_failed',
  fields: [{ field: 'body', message: 'must be at most 10,000 characters' }],
};

describe('message length', () => {
  it('the limit is 10,000', () => {
    expect(messageBodyMax).toBe(10_000);
  });

  it.each([
    ['10,001 plain characters', 'x'.repeat(10_001)],
    ['10,001 characters of 3 bytes each', '漢'.repeat(10_001)],
    ['10,001 characters once CRLF is a newline', `${'a\r\n'.repeat(5_000)}b`],
    ['22,400 characters', 'x'.repeat(22_400)],
    ['22,400 characters in emoji, past the field’s byte limit', '😀'.repeat(11_200)],
  ])('refuses %s with a 400 naming body, and only that', async (_label, body) => {
    const w = await messagingWorld(t);
    const response = await postMessage(w.staff, w.staffUrl, { body });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toEqual({ error: expect.objectContaining(tooLong) as unknown });
  });

  it.each([
    ['plain', 'x'.repeat(10_000)],
    ['multi-byte characters', `${'é'.repeat(3_000)}${'漢'.repeat(3_000)}${'ж'.repeat(3_000)}${'😀'.repeat(500)}`],
    ['CRLF newlines (sent as a browser sends them)', `${'line\r\n'.repeat(1_999)}done!`],
    ['multi-byte characters and CRLF newlines', `${'漢字\r\n'.repeat(3_333)}z`],
  ])('accepts exactly 10,000 characters: %s', async (_label, sent) => {
    const body = sent.replace(/\r\n/g, '\n');
    expect(body.length).toBe(10_000);
    const w = await messagingWorld(t);
    const response = await postMessage(w.staff, w.staffUrl, { body: sent });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Message>().body).toBe(body);
  });

  it('counts the same from the portal', async () => {
    const w = await messagingWorld(t);
    const refused = await postMessage(w.clientAgent, w.portalUrl, { body: 'x'.repeat(10_001) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({ error: expect.objectContaining(tooLong) as unknown });
    const accepted = await postMessage(w.clientAgent, w.portalUrl, { body: '漢\r\n'.repeat(5_000) });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it.each([
    [
      'declared as UTF-16',
      'Content-Disposition: form-data; name="body"\r\nContent-Type: text/plain; charset=utf-16le',
      Buffer.from('x'.repeat(22_400), 'utf16le'),
    ],
    [
      'with a base64 transfer encoding',
      'Content-Disposition: form-data; name="body"\r\nContent-Transfer-Encoding: base64',
      Buffer.from('x'.repeat(22_400)).toString('base64'),
    ],
    [
      'as a JSON part',
      'Content-Disposition: form-data; name="body"\r\nContent-Type: application/json',
      JSON.stringify('x'.repeat(22_400)),
    ],
  ])('refuses 22,400 characters sent %s', async (_label, headers, value) => {
    const w = await messagingWorld(t);
    const { payload, contentType } = rawMultipart(headers, value);
    const response = await w.staff.request('POST', w.staffUrl, payload, { headers: { 'content-type': contentType } });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toEqual({ error: expect.objectContaining(tooLong) as unknown });
  });
});
