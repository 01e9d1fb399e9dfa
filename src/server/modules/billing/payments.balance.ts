import { DateTime } from 'luxon';
import type {
  AgingBuckets,
  AgingQuery,
  ClientBalance,
  PracticeAging,
} from '../../../shared/schemas/billing-payments.js';
import { auditIn } from '../../platform/audit.js';
import type { Context, StaffContext } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { effectiveBillingSettings } from './billing-blocks.js';
import { practiceToday } from './billing-dates.js';
import { listAgingPage, readOpenInvoices, sumAging, sumClientCredit, type AgingCuts } from './payments.queries.js';

/**
 * Balance and aging (docs/decisions/040): a client's balance due is what their open invoices still
 * owe less their credit; aging buckets the open amounts by days past each invoice's issue date,
 * counted from today in the practice's zone: current (0–30), 31–60, 61–90, 90+.
 */

function cutsFrom(today: string): AgingCuts {
  const day = DateTime.fromISO(today, { zone: 'utc' });
  const back = (days: number) => day.minus({ days }).toISODate() ?? today;
  return { current: back(30), days60: back(60), days90: back(90) };
}

function bucketOf(issueDate: string, cuts: AgingCuts): keyof AgingBuckets {
  if (issueDate >= cuts.current) return 'currentMinor';
  if (issueDate >= cuts.days60) return 'days31to60Minor';
  if (issueDate >= cuts.days90) return 'days61to90Minor';
  return 'over90Minor';
}

/**
 * A client's balance, credit, aging and open invoices (oldest first). Not audited: the caller
 * (staff's route, the portal) audits the view as its own.
 */
export async function readClientBalance(ctx: Context, clientId: string): Promise<ClientBalance> {
  const [today, settings, invoices, creditMinor] = await Promise.all([
    practiceToday(ctx),
    effectiveBillingSettings(ctx),
    readOpenInvoices(ctx, clientId),
    sumClientCredit(ctx, clientId),
  ]);
  const cuts = cutsFrom(today);
  const aging: AgingBuckets = { currentMinor: 0, days31to60Minor: 0, days61to90Minor: 0, over90Minor: 0 };
  let openMinor = 0;
  const openInvoices = invoices.map((row) => {
    const balanceMinor = row.total_minor - row.paid_minor;
    openMinor += balanceMinor;
    aging[bucketOf(row.issue_date, cuts)] += balanceMinor;
    return {
      id: row.id,
      number: row.number,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      totalMinor: row.total_minor,
      paidMinor: row.paid_minor,
      balanceMinor,
    };
  });
  return {
    clientId,
    currency: settings.currency,
    asOf: today,
    openMinor,
    creditMinor,
    balanceDueMinor: openMinor - creditMinor,
    aging,
    openInvoices,
  };
}

/** A client's balance for staff, audited; another client or one out of reach is not found. */
export async function getClientBalance(ctx: StaffContext, clientId: string): Promise<ClientBalance> {
  await getClient(ctx, clientId);
  const balance = await readClientBalance(ctx, clientId);
  await auditIn(ctx, { action: 'billing.balance_viewed', clientId });
  return balance;
}

/**
 * The practice's aging: totals per bucket and a page of the clients with an open balance or credit
 * (a clinician: their assigned clients only), sorted by balance due or name. Audited.
 */
export async function getPracticeAging(ctx: StaffContext, query: AgingQuery): Promise<PracticeAging> {
  const [today, settings] = await Promise.all([practiceToday(ctx), effectiveBillingSettings(ctx)]);
  const cuts = cutsFrom(today);
  const [rows, sums] = await Promise.all([
    listAgingPage(ctx, cuts, query.sort, query.page, query.pageSize),
    sumAging(ctx, cuts),
  ]);
  await auditIn(ctx, { action: 'billing.aging_viewed', details: { page: query.page, clients: rows.length } });
  return {
    currency: settings.currency,
    asOf: today,
    totals: {
      openMinor: sums.open_minor,
      creditMinor: sums.credit_minor,
      balanceDueMinor: sums.open_minor - sums.credit_minor,
      currentMinor: sums.current_minor,
      days31to60Minor: sums.days31to60_minor,
      days61to90Minor: sums.days61to90_minor,
      over90Minor: sums.over90_minor,
    },
    clients: rows.map((row) => ({
      clientId: row.client_id,
      name: `${row.preferred_name ?? row.first_name} ${row.last_name}`,
      openMinor: row.open_minor,
      creditMinor: row.credit_minor,
      balanceDueMinor: row.open_minor - row.credit_minor,
      currentMinor: row.current_minor,
      days31to60Minor: row.days31to60_minor,
      days61to90Minor: row.days61to90_minor,
      over90Minor: row.over90_minor,
    })),
    total: sums.clients,
    page: query.page,
    pageSize: query.pageSize,
  };
}
