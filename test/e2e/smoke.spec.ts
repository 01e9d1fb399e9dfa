import { expect, test } from './support/fixtures.js';

test('the server answers health checks', async ({ portico, request }) => {
  const response = await request.get(`${portico.url}/healthz`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});
