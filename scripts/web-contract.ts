import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';
import type { Endpoint } from '../src/shared/contract/endpoint.js';

/** What the web apps' API client reads of an endpoint at run time: how to call it, not its schemas. */
type EndpointCall = Pick<Endpoint, 'method' | 'path' | 'status' | 'answers'> & { body?: 'multipart' };

function isEndpoint(value: unknown): value is Endpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { method, path: address } = value as Partial<Endpoint>;
  return typeof method === 'string' && typeof address === 'string' && address.startsWith('/api/');
}

function isEndpointGroup(value: unknown): value is Record<string, Endpoint> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).length > 0 &&
    Object.values(value).every(isEndpoint)
  );
}

function callOf(spec: Endpoint): EndpointCall {
  return {
    method: spec.method,
    path: spec.path,
    ...(spec.status === undefined ? {} : { status: spec.status }),
    ...(spec.answers === undefined ? {} : { answers: spec.answers }),
    ...(spec.body === 'multipart' ? { body: 'multipart' as const } : {}),
  };
}

/**
 * The JavaScript a contract module is in the web apps: each group of endpoints it exports (`portalApi`,
 * `clientsApi`…) with only the method, path, status and kind of body and answer of each. Its other
 * exports (schemas) are left out, so a page importing one fails the build rather than carrying zod.
 */
export async function webContractModule(file: string): Promise<string> {
  const loaded = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  const lines = ['// The endpoints of ' + path.basename(file) + ' without their schemas (scripts/web-contract.ts).'];
  for (const [name, value] of Object.entries(loaded)) {
    if (!isEndpointGroup(value)) continue;
    const group = Object.fromEntries(Object.entries(value).map(([key, spec]) => [key, callOf(spec)]));
    lines.push(`export const ${name} = ${JSON.stringify(group)};`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The shared contract (src/shared/contract/*.ts) declares each endpoint with its zod schemas; the
 * server validates requests and checks every answer against them. The web apps only need each
 * endpoint's method and path to call it: this plugin gives them the contract modules as those
 * alone (the types still come from the real modules), so no page downloads zod to reach the API.
 * Forms that validate with the shared schemas import them lazily (src/web/common/on-demand.ts).
 * endpoint.ts (pathOf, types) has no schemas and is bundled as it is. In the Vite dev server a
 * change to a contract module needs a restart (Node caches the module read here).
 */
export function webContract(contractFolder: string): Plugin {
  const folder = path.resolve(contractFolder);
  const modules = new Set(
    readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'endpoint.ts')
      .map((name) => path.join(folder, name)),
  );
  return {
    name: 'portico-web-contract',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0] ?? id;
      if (!modules.has(path.resolve(file))) return null;
      return await webContractModule(file);
    },
  };
}
