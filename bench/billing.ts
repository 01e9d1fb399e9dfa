import { openDatabase } from '../src/server/db/database.js';
import { seedBilling, type BillingSeed } from './billing-seed.js';
import { prepareBenchDatabase } from './database.js';
import { measureScenarios, type ScenarioResult } from './http.js';
import type { LoadGenerator } from './load.js';
import { signIn, signInClient, startPortico } from './portico.js';
import type { ServerProfiler } from './profile.js';
import { timePdfs, type PdfTimings } from './billing-pdfs.js';
import { dialectName, ms, scenarioTable } from './report.js';

export interface BillingOptions {
  levels: number[];
  duration: number;
  warmup: number;
  profiler: ServerProfiler | null;
  log: (line: string) => void;
}

export interface BillingResult {
  dialect: 'sqlite' | 'postgres';
  seed: BillingSeed;
  seededSeconds: number;
  pdfs: PdfTimings;
  scenarios: ScenarioResult[];
}

/**
 * A client with 500 invoices on one database: the staff Billing tab's reads and the portal's
 * Billing page over HTTP beside the bare server's floor, and the PDFs rendered in-process.
 */
export async function measureBilling(
  load: LoadGenerator,
  postgresUrl: string | undefined,
  options: BillingOptions,
): Promise<BillingResult> {
  const started = performance.now();
  const database = await prepareBenchDatabase(postgresUrl, {
    clients: 1000,
    accesses: 1,
    messages: 0,
    conversation: 10,
  });
  try {
    const practice = database.seed.practices[0];
    const clientId = practice?.conversation?.clientId;
    if (!practice || !clientId || !database.portalLinkToken) throw new Error('the bench practice has no portal client');
    const opened = openDatabase(database.url);
    try {
      const seed = await seedBilling(opened.db, practice, clientId);
      const seededSeconds = (performance.now() - started) / 1000;
      options.log(`Billing, ${dialectName(database.dialect)}: seeded ${seed.invoices} invoices (${seed.paid} paid)`);
      const portico = await startPortico(database);
      try {
        const staff = await signIn(portico.url, practice.owner.email, database.seed.password);
        const client = await signInClient(portico.url, practice.slug, database.portalLinkToken);
        const pdfs = await timePdfs(opened.db, portico.url, staff, seed, practice.timeZone);
        options.log(
          `  invoice PDF render p50 ${ms(pdfs.invoice.p50)} ms, download p50 ${ms(pdfs.invoiceDownload.p50)} ms; ` +
            `12-month superbill render p50 ${ms(pdfs.superbill.p50)} ms, download p50 ${ms(pdfs.superbillDownload.p50)} ms`,
        );
        const tab = ['billing', 'invoices', 'balance', 'payments', 'statements', 'superbills'].map((part) => ({
          method: 'GET' as const,
          path: `/api/clients/${clientId}/${part}`,
        }));
        const scenarios = await measureScenarios(
          load,
          portico.url,
          [
            {
              name: 'billing tab',
              side: 'staff',
              detail:
                '`GET /api/clients/:id/{billing,invoices,balance,payments,statements,superbills}` in turn: what the Billing tab ' +
                `asks for a client with ${seed.invoices} invoices (audited)`,
              requests: tab,
              headers: { cookie: staff.cookie },
              order: 'each-connection',
            },
            {
              name: 'portal billing',
              side: 'portal',
              detail: `\`GET /api/portal/:slug/billing\`: the client's Billing page, ${seed.invoices} invoices (audited)`,
              requests: [{ method: 'GET', path: `/api/portal/${practice.slug}/billing` }],
              headers: { cookie: client.cookie },
              order: 'each-connection',
            },
          ],
          {
            levels: options.levels,
            duration: options.duration,
            warmup: options.warmup,
            profiler: options.profiler,
            profileName: `billing-${database.dialect}`,
            log: options.log,
          },
        );
        return { dialect: database.dialect, seed, seededSeconds, pdfs, scenarios };
      } finally {
        await portico.stop();
      }
    } finally {
      await opened.close();
    }
  } finally {
    await database.dispose();
  }
}

export function renderBilling(results: readonly BillingResult[]): string[] {
  const lines = [
    '## Billing',
    '',
    'One client with 500 invoices of a $150 session each over about two years (those older than 60 days paid ' +
      'by a card payment each, the rest open), two diagnoses, the practice and clinician billing identities. ' +
      'The Billing tab row is the six reads the tab makes, each a request; the portal row is the client’s ' +
      'Billing page. PDFs are rendered in-process from their stored snapshots.',
  ];
  for (const result of results) {
    const { pdfs } = result;
    lines.push(
      '',
      `### ${dialectName(result.dialect)}`,
      '',
      `Seeded in ${result.seededSeconds.toFixed(1)} s. PDFs (ms; the render is pdf-lib from the stored snapshot ` +
        'in-process, the download is the staff route over HTTP at one connection: its reads, the render and the audit row):',
      '',
      '| document | pages | bytes | render p50 | render p99 | download p50 | download p99 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| invoice (1 line) | ${pdfs.invoice.pages} | ${pdfs.invoice.bytes.toLocaleString('en')} | ${ms(pdfs.invoice.p50)} | ` +
        `${ms(pdfs.invoice.p99)} | ${ms(pdfs.invoiceDownload.p50)} | ${ms(pdfs.invoiceDownload.p99)} |`,
      `| 12-month superbill (${pdfs.superbill.lines} lines) | ${pdfs.superbill.pages} | ` +
        `${pdfs.superbill.bytes.toLocaleString('en')} | ${ms(pdfs.superbill.p50)} | ${ms(pdfs.superbill.p99)} | ` +
        `${ms(pdfs.superbillDownload.p50)} | ${ms(pdfs.superbillDownload.p99)} |`,
      '',
      `Creating that superbill (the year's ledger read, the snapshot stored) took ${ms(pdfs.superbillCreateMs)} ms once.`,
      '',
      ...scenarioTable(result.scenarios),
    );
  }
  return lines;
}
