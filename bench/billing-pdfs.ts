import { DateTime } from 'luxon';
import { PDFDocument } from 'pdf-lib';
import { superbillSnapshot } from '../src/shared/schemas/billing-documents.js';
import { invoiceSnapshot } from '../src/shared/schemas/billing-snapshots.js';
import type { Db } from '../src/server/db/database.js';
import { renderInvoicePdf } from '../src/server/modules/billing/invoices.pdf.js';
import { renderSuperbillPdf } from '../src/server/modules/billing/superbills.pdf.js';
import type { Session } from './portico.js';

const renderRuns = 100;
const downloadRuns = 50;

export interface PdfTiming {
  runs: number;
  p50: number;
  p99: number;
  bytes: number;
  pages: number;
}

export interface PdfTimings {
  /** One open invoice: the renderer alone from its stored snapshot, and the staff download over HTTP. */
  invoice: PdfTiming;
  invoiceDownload: PdfTiming;
  /** A superbill for the last 12 months, created over HTTP, then rendered and downloaded. */
  superbill: PdfTiming & { lines: number };
  superbillDownload: PdfTiming;
  /** The create request of that superbill (reads the year's ledger, stores the snapshot), once. */
  superbillCreateMs: number;
}

function percentiles(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
  return { p50: at(50), p99: at(99) };
}

async function timed(runs: number, once: () => Promise<Uint8Array>): Promise<PdfTiming> {
  for (let i = 0; i < 5; i++) await once();
  const times: number[] = [];
  let last: Uint8Array = new Uint8Array();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await once();
    times.push(performance.now() - started);
  }
  const pages = (await PDFDocument.load(last)).getPageCount();
  return { runs, ...percentiles(times), bytes: last.byteLength, pages };
}

async function download(baseUrl: string, path: string, staff: Session): Promise<Uint8Array> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: staff.cookie } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * PDF figures for the seeded client: the invoice renderer on an open invoice's stored snapshot and
 * its download by staff; a 12-month superbill created through the API, its renderer on the stored
 * snapshot and its download.
 */
export async function timePdfs(
  db: Db,
  baseUrl: string,
  staff: Session,
  seed: { clientId: string; openInvoiceId: string },
  timeZone: string,
): Promise<PdfTimings> {
  const row = await db
    .selectFrom('invoices')
    .select(['snapshot', 'paid_minor'])
    .where('id', '=', seed.openInvoiceId)
    .executeTakeFirstOrThrow();
  const snapshot = invoiceSnapshot.parse(JSON.parse(row.snapshot));
  const after = { payments: [], paidMinor: row.paid_minor, voided: null, replacedByNumber: null };
  const invoice = await timed(renderRuns, () => renderInvoicePdf(snapshot, after));
  const invoiceDownload = await timed(downloadRuns, () =>
    download(baseUrl, `/api/invoices/${seed.openInvoiceId}/pdf`, staff),
  );

  const today = DateTime.now().setZone(timeZone);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/clients/${seed.clientId}/superbills`, {
    method: 'POST',
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      periodStart: today.minus({ months: 12 }).plus({ days: 1 }).toISODate(),
      periodEnd: today.toISODate(),
    }),
  });
  const superbillCreateMs = performance.now() - started;
  if (!response.ok) throw new Error(`creating the superbill answered ${response.status} ${await response.text()}`);
  const stored = await db
    .selectFrom('billing_documents')
    .select(['id', 'snapshot'])
    .where('client_id', '=', seed.clientId)
    .where('kind', '=', 'superbill')
    .executeTakeFirstOrThrow();
  const superbillData = superbillSnapshot.parse(JSON.parse(stored.snapshot));
  const superbill = await timed(renderRuns, () => renderSuperbillPdf(superbillData));
  const superbillDownload = await timed(downloadRuns, () =>
    download(baseUrl, `/api/clients/${seed.clientId}/superbills/${stored.id}/pdf`, staff),
  );
  return {
    invoice,
    invoiceDownload,
    superbill: { ...superbill, lines: superbillData.lines.length },
    superbillDownload,
    superbillCreateMs,
  };
}
