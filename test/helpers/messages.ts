import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppDeps } from '../../src/server/deps.js';
import type { ManualClock } from '../../src/server/platform/clock.js';
import type { Agent } from './agent.js';
import { invite, latestPortalEmail, portalWorld, redeemLink } from './portal.js';

export interface TestFile {
  name: string;
  data: Buffer;
  /** What the browser claims; the server ignores it and reads the content. */
  type?: string;
}

/** The smallest files each of the allowed types is recognised from. */
export const sampleFiles = {
  pdf: (): Buffer => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: (): Buffer =>
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  jpeg: (): Buffer =>
    Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
      0x00, 0xff, 0xd9,
    ]),
  heic: (): Buffer =>
    Buffer.concat([
      Buffer.from([0x00, 0x00, 0x00, 0x18]),
      Buffer.from('ftypheic'),
      Buffer.from([0x00, 0x00, 0x00, 0x00]),
      Buffer.from('mif1heic'),
      Buffer.alloc(32),
    ]),
  text: (): Buffer => Buffer.from('just some text, not a document\n'),
  exe: (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
};

/** A multipart/form-data body as a browser's FormData would send it. */
export async function multipartBody(fields: {
  body?: string;
  files?: TestFile[];
  extra?: Record<string, string>;
  /** The field the files are sent under: `attachments` (a message's) unless said. */
  fileField?: string;
}) {
  const form = new FormData();
  if (fields.body !== undefined) form.append('body', fields.body);
  for (const [name, value] of Object.entries(fields.extra ?? {})) form.append(name, value);
  for (const file of fields.files ?? []) {
    form.append(
      fields.fileField ?? 'attachments',
      new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  const request = new Request('http://portico.test/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

/** Sends a message as this agent (staff or client) to a messages URL. */
export async function postMessage(
  agent: Agent,
  url: string,
  fields: { body?: string; files?: TestFile[]; extra?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = await multipartBody(fields);
  return agent.request('POST', url, payload, { headers: { 'content-type': contentType } });
}

/**
 * A practice, its signed-in owner, and a client who was invited and signed in to the portal:
 * everything a conversation needs. `clientAgent` carries the client's cookie.
 */
export async function messagingWorld(t: { app: FastifyInstance; deps: AppDeps & { clock: ManualClock } }) {
  const world = await portalWorld(t.app, t.deps);
  const invited = await invite(t.deps, world.staff, world.client.id, world.email.id);
  if (invited.statusCode !== 200) throw new Error(`invite failed: ${invited.body}`);
  const { token } = await latestPortalEmail(t.deps, world.email.address);
  const { agent } = await redeemLink(t.app, world.practice, token);
  if (!agent) throw new Error('client sign-in failed');
  const staffUrl = `/api/clients/${world.client.id}/messages`;
  const portalUrl = `/api/portal/${world.practice.slug}/messages`;
  return { ...world, clientAgent: agent, staffUrl, portalUrl };
}
