import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/server/db/database.js';
import type { AppDeps } from '../../../src/server/deps.js';
import { systemClock } from '../../../src/server/platform/clock.js';
import { InProcessEventBus } from '../../../src/server/platform/live-events.js';
import { openFileStore } from '../../../src/server/platform/open-file-store.js';
import { testConfig } from '../../helpers/test-app.js';
import type { Portico } from './portico.js';

/**
 * The server's database as the factories take it, for a spec that writes what no page makes yet
 * (invoices, payments) straight into it; closed when `work` is done.
 */
export async function withServerDeps<T>(server: Portico, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  const database = openDatabase(server.databasePath);
  const config = testConfig({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-factories-')) });
  try {
    return await work({
      config,
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      files: openFileStore(config.files),
      live: new InProcessEventBus(),
    });
  } finally {
    await database.close();
  }
}

/** Settings → Billing as the API takes it: a practice in Portland billing in USD (overridable). */
export function billingSettings(overrides: Record<string, unknown> = {}) {
  return {
    legalName: 'Birch Counselling LLC',
    address: '4 Birch Lane\nPortland, ME 04101',
    phone: '(207) 555-0199',
    taxId: '12-3456789',
    groupNpi: '1234567893',
    currency: 'USD',
    invoicePrefix: 'INV-',
    paymentTermsDays: 30,
    invoiceMode: 'per_appointment',
    lateCancelFeeMinor: 5000,
    noShowFeeMinor: 7500,
    ...overrides,
  };
}
