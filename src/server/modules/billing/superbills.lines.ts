import type { SuperbillLine } from '../../../shared/schemas/billing-documents.js';
import type { LedgerLine } from './billing-documents.queries.js';

/** CMS-1500 box 24E takes up to four letters of box 21, the primary diagnosis first. */
const maxPointers = 4;
const letters = 'ABCDEFGHIJKL';

/** 24E for every line: the client's first four diagnoses ("ABCD"), or fewer if they have fewer. */
export function diagnosisPointerFor(diagnosisCount: number): string {
  return letters.slice(0, Math.min(diagnosisCount, maxPointers));
}

const byDateThenPosition = (a: LedgerLine, b: LedgerLine) =>
  a.date_of_service.localeCompare(b.date_of_service) || a.position - b.position;

/**
 * What each line of an invoice has been paid: the invoice's paid amount is spread over its lines
 * in date-of-service order (then line order), each taking up to its fee, so the earliest service
 * is paid first as a client paying in order would expect. Keyed by `invoiceId:position`.
 */
export function allocatePaid(lines: readonly LedgerLine[]): Map<string, number> {
  const byInvoice = new Map<string, LedgerLine[]>();
  for (const line of lines) {
    const list = byInvoice.get(line.invoice_id) ?? [];
    list.push(line);
    byInvoice.set(line.invoice_id, list);
  }
  const paid = new Map<string, number>();
  for (const invoiceLines of byInvoice.values()) {
    let left = invoiceLines[0]?.invoice_paid_minor ?? 0;
    for (const line of [...invoiceLines].sort(byDateThenPosition)) {
      const share = Math.min(left, line.fee_minor);
      paid.set(`${line.invoice_id}:${line.position}`, share);
      left -= share;
    }
  }
  return paid;
}

export interface RenderingClinician {
  name: string;
  npi: string | null;
}

/**
 * The superbill's lines: the services (lines with a CPT code: fees for missed appointments are
 * not claimable and stay on statements) dated in the range, by date, each with its share of what
 * its invoice was paid.
 */
export function superbillLinesOf(
  lines: readonly LedgerLine[],
  range: { start: string; end: string },
  diagnosisCount: number,
  clinicians: ReadonlyMap<string, RenderingClinician>,
): SuperbillLine[] {
  const paid = allocatePaid(lines);
  const pointer = diagnosisPointerFor(diagnosisCount);
  return lines
    .filter(
      (line) =>
        line.kind === 'service' &&
        line.cpt_code !== null &&
        line.date_of_service >= range.start &&
        line.date_of_service <= range.end,
    )
    .sort(
      (a, b) =>
        a.date_of_service.localeCompare(b.date_of_service) ||
        a.invoice_number.localeCompare(b.invoice_number) ||
        a.position - b.position,
    )
    .map((line) => {
      const clinician = line.clinician_id === null ? undefined : clinicians.get(line.clinician_id);
      return {
        dateOfService: line.date_of_service,
        placeOfService: line.place_of_service,
        cptCode: line.cpt_code ?? '',
        modifiers: line.modifiers,
        description: line.description,
        diagnosisPointer: pointer,
        chargeMinor: line.fee_minor,
        units: line.units,
        renderingNpi: clinician?.npi ?? null,
        renderingName: clinician?.name ?? null,
        paidMinor: paid.get(`${line.invoice_id}:${line.position}`) ?? 0,
        invoiceNumber: line.invoice_number,
      };
    });
}

/**
 * The clinician who signs (box 31) and whose identity heads the provider block: who rendered most
 * of the range's lines, the earliest to render on a tie. Null when no line names a clinician.
 */
export function signingClinicianOf(lines: readonly LedgerLine[], range: { start: string; end: string }): string | null {
  const counts = new Map<string, number>();
  for (const line of [...lines].sort(byDateThenPosition)) {
    if (line.clinician_id === null || line.date_of_service < range.start || line.date_of_service > range.end) continue;
    if (line.kind !== 'service' || line.cpt_code === null) continue;
    counts.set(line.clinician_id, (counts.get(line.clinician_id) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [id, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = id;
  return best;
}
