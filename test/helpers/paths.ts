import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const tmpRoot = path.join(repoRoot, '.vitest-tmp');
export const templatePath = path.join(tmpRoot, 'template.db');
