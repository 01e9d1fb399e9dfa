import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Every Vitest run's scratch folders live under here, one folder per run. */
export const tmpParent = path.join(repoRoot, '.vitest-tmp');
/**
 * This run's folder. The global setup names it and hands it to the test workers through the
 * environment, so two runs at once (two terminals, or an editor's runner) never delete each
 * other's databases.
 */
export const tmpRoot = process.env.PORTICO_TEST_TMP ?? path.join(tmpParent, `run-${process.pid}`);
export const templatePath = path.join(tmpRoot, 'template.db');
