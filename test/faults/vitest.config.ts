import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the fault tests at full size (FAULT_SCALE=full), one file at a time so
// their figures are not skewed by each other. `npm test` runs the same files small.
const shared = {
  include: ['test/faults/**/*.test.ts'],
  globalSetup: ['test/helpers/global-setup.ts'],
  testTimeout: 30 * 60_000,
  hookTimeout: 120_000,
};
const postgresUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    fileParallelism: false,
    maxWorkers: 1,
    projects: [
      { test: { ...shared, name: 'sqlite', env: { PORTICO_TEST_DB: 'sqlite', FAULT_SCALE: 'full' } } },
      ...(postgresUrl
        ? [{ test: { ...shared, name: 'postgres', env: { PORTICO_TEST_DB: 'postgres', FAULT_SCALE: 'full' } } }]
        : []),
    ],
  },
});
