import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webContractModule } from '../scripts/web-contract.js';
import { portalApi } from '../src/shared/contract/portal.js';

const contractFolder = path.resolve(import.meta.dirname, '../src/shared/contract');

/** Evaluates a generated module's source (plain `export const` lines of JSON). */
function exportsOf(source: string): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  for (const [, name = '', json = ''] of source.matchAll(/^export const (\w+) = (.*);$/gm)) {
    exports[name] = JSON.parse(json);
  }
  return exports;
}

describe('the contract as the web apps get it (scripts/web-contract.ts)', () => {
  it('keeps every endpoint of the portal contract with its method and path, and no schema', async () => {
    const source = await webContractModule(path.join(contractFolder, 'portal.ts'));
    expect(source).not.toMatch(/import|zod|require/);
    const web = exportsOf(source);
    expect(Object.keys(web)).toEqual(['portalApi']);
    const calls = web.portalApi as Record<string, Record<string, unknown>>;
    expect(Object.keys(calls)).toEqual(Object.keys(portalApi));
    for (const [name, spec] of Object.entries(portalApi)) {
      expect(calls[name]?.method).toBe(spec.method);
      expect(calls[name]?.path).toBe(spec.path);
      expect(calls[name]).not.toHaveProperty('response');
      expect(calls[name]).not.toHaveProperty('params');
    }
    expect(calls.send?.body).toBe('multipart');
    expect(calls.events?.answers).toBe('events');
  });

  it('gives each contract module at least one group of endpoints', async () => {
    const modules = readdirSync(contractFolder).filter((name) => name.endsWith('.ts') && name !== 'endpoint.ts');
    for (const name of modules) {
      const web = exportsOf(await webContractModule(path.join(contractFolder, name)));
      expect(Object.keys(web).length, name).toBeGreaterThan(0);
    }
  });
});
