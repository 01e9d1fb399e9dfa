import { defineConfig } from 'vitest/config';

const shared = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'seed/**/*.test.ts'],
  exclude: ['test/e2e/**', 'node_modules/**'],
  globalSetup: ['test/helpers/global-setup.ts'],
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

// The integration suite runs on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set.
const postgresUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', env: { PORTICO_TEST_DB: 'sqlite' } } },
      ...(postgresUrl ? [{ test: { ...shared, name: 'postgres', env: { PORTICO_TEST_DB: 'postgres' } } }] : []),
    ],
  },
});
