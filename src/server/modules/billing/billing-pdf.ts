import { DateTime } from 'luxon';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMoney } from '../../../shared/money.js';
import type { ClientBlock, ProviderBlock } from '../../../shared/schemas/billing-snapshots.js';
import { embedPdfFonts, printable, wrapText } from '../../platform/pdf-fonts.js';

/**
 * The layout every billing document shares (invoices, statements, superbills): a header with the
 * provider block and the document's facts, the client block, tables whose header repeats on each
 * page with money right-aligned, totals, page numbers and a VOID mark. Rendered only from what the
 * caller passes (a stored snapshot), deterministic: the same input gives the same bytes (the
 * PDF's dates are the document's own, never the clock).
 *
 *   const doc = await BillingPdf.create({ title: 'Invoice INV-7', author, issuedOn: '2026-03-02', currency: 'USD' });
 *   doc.header('Invoice', snapshot.provider, [['Invoice number', 'INV-7'], ['Issue date', doc.date('2026-03-02')]]);
 *   doc.parties([{ heading: 'Bill to', client: snapshot.client }]);
 *   doc.table(columns, rows);
 *   doc.totals([{ label: 'Total', value: doc.money(1500) }]);
 *   return doc.save();
 */

const pageSizes = { a4: [595.28, 841.89], letter: [612, 792] } as const;
export type BillingPageSize = keyof typeof pageSizes;
const margin = 48;
const footerHeight = 24;
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.38, 0.38, 0.42);
const rule = rgb(0.8, 0.8, 0.84);
const band = rgb(0.94, 0.95, 0.97);
const voidRed = rgb(0.75, 0.1, 0.1);
const cellPadding = 4;

export interface BillingPdfOptions {
  /** The PDF's title (and the text of every page's footer), e.g. "Invoice INV-0007 — Ana Ruiz". */
  title: string;
  /** The practice, as the PDF's author. */
  author: string;
  /** YYYY-MM-DD: the document's own date, used as the PDF's creation date (never the clock). */
  issuedOn: string;
  /** ISO 4217 code every amount of the document is in. */
  currency: string;
  /** Letter for US and Canadian currencies unless given; A4 elsewhere. */
  pageSize?: BillingPageSize;
}

export interface BillingColumn {
  header: string;
  /** A share of the table's width; shares are relative to the sum of all columns'. */
  width: number;
  /** Money and counts are right-aligned. */
  align?: 'left' | 'right';
}

export interface BillingTotal {
  label: string;
  value: string;
  bold?: boolean;
}

/** Letter paper where the currency is the US or Canadian dollar, A4 elsewhere. */
export function billingPageSizeFor(currency: string): BillingPageSize {
  return currency === 'USD' || currency === 'CAD' ? 'letter' : 'a4';
}

export class BillingPdf {
  private page: PDFPage;
  private y: number;
  private readonly width: number;
  private readonly size: readonly [number, number];
  private pageStarters: (() => void)[] = [];

  private constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly options: BillingPdfOptions,
  ) {
    this.size = pageSizes[options.pageSize ?? billingPageSizeFor(options.currency)];
    this.page = pdf.addPage([this.size[0], this.size[1]]);
    this.y = this.size[1] - margin;
    this.width = this.size[0] - 2 * margin;
  }

  static async create(options: BillingPdfOptions): Promise<BillingPdf> {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const fonts = await embedPdfFonts(pdf);
    const issued = DateTime.fromISO(options.issuedOn, { zone: 'utc' }).toJSDate();
    pdf.setTitle(options.title, { showInWindowTitleBar: true });
    pdf.setAuthor(options.author);
    pdf.setProducer('Portico');
    pdf.setCreator('Portico');
    pdf.setLanguage('en');
    pdf.setCreationDate(issued);
    pdf.setModificationDate(issued);
    return new BillingPdf(pdf, fonts, options);
  }

  /** An amount of the document's currency, e.g. 15000 → "$150.00" (Intl, exact decimals). */
  money(minor: number): string {
    return formatMoney(minor, this.options.currency, 'en-US');
  }

  /** A YYYY-MM-DD date as printed: "Mar 2, 2026" on letter paper, "2 Mar 2026" on A4. */
  date(isoDate: string): string {
    const format = this.size === pageSizes.letter ? 'MMM d, yyyy' : 'd MMM yyyy';
    return DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en').toFormat(format);
  }

  /**
   * The practice (legal name, address, phone, tax ID, NPIs, the rendering clinician) on the left;
   * the document's title and facts (number, dates) on the right.
   */
  header(title: string, provider: ProviderBlock, facts: [label: string, value: string][]): void {
    const top = this.y;
    const leftWidth = this.width * 0.58;
    const providerLines: { text: string; bold?: boolean; size?: number }[] = [
      { text: provider.legalName, bold: true, size: 13 },
    ];
    if (provider.legalName !== provider.practiceName) providerLines.push({ text: provider.practiceName });
    if (provider.address) providerLines.push({ text: provider.address });
    if (provider.phone) providerLines.push({ text: provider.phone });
    if (provider.taxId) providerLines.push({ text: `Tax ID ${provider.taxId}` });
    if (provider.groupNpi) providerLines.push({ text: `Group NPI ${provider.groupNpi}` });
    const clinician = provider.clinician;
    if (clinician) {
      const name = clinician.credentials ? `${clinician.name}, ${clinician.credentials}` : clinician.name;
      providerLines.push({ text: `Clinician: ${name}` });
      if (clinician.npi) providerLines.push({ text: `NPI ${clinician.npi}` });
      if (clinician.licenseNumber)
        providerLines.push({
          text: `License ${clinician.licenseNumber}${clinician.licenseState ? ` (${clinician.licenseState})` : ''}`,
        });
    }
    let leftY = top;
    for (const line of providerLines) {
      const font = line.bold ? this.fonts.bold : this.fonts.regular;
      const size = line.size ?? 9;
      for (const piece of wrapText(printable(line.text), font, size, leftWidth)) {
        leftY -= size * 1.35;
        this.page.drawText(piece, { x: margin, y: leftY + size * 0.3, size, font, color: line.bold ? ink : muted });
      }
    }

    let rightY = top;
    const right = margin + this.width;
    const titleSize = 20;
    rightY -= titleSize * 1.1;
    this.drawRight(title.toUpperCase(), right, rightY, this.fonts.bold, titleSize, ink);
    rightY -= 6;
    for (const [label, value] of facts) {
      rightY -= 9 * 1.45;
      const valueWidth = this.fonts.bold.widthOfTextAtSize(printable(value), 9);
      // The label first, so a reader (and a screen reader) meets it before its value.
      this.drawRight(printable(label), right - valueWidth - 8, rightY, this.fonts.regular, 9, muted);
      this.drawRight(printable(value), right, rightY, this.fonts.bold, 9, ink);
    }
    this.y = Math.min(leftY, rightY) - 14;
    this.rule();
    this.y -= 12;
  }

  /** One or two blocks side by side, e.g. "Bill to" (the client: name, address, insurance). */
  parties(blocks: { heading: string; client: ClientBlock; showDiagnoses?: boolean }[]): void {
    const columnWidth = this.width / Math.max(1, blocks.length);
    const top = this.y;
    let lowest = top;
    blocks.forEach((block, index) => {
      const x = margin + index * columnWidth;
      const lines: { text: string; bold?: boolean; muted?: boolean }[] = [
        { text: block.heading, muted: true },
        { text: block.client.name, bold: true },
      ];
      if (block.client.billingAddress) lines.push({ text: block.client.billingAddress });
      if (block.client.dateOfBirth) lines.push({ text: `Date of birth ${this.date(block.client.dateOfBirth)}` });
      if (block.client.payerName) lines.push({ text: `Insurance: ${block.client.payerName}` });
      if (block.client.memberId) lines.push({ text: `Member ID ${block.client.memberId}` });
      if (block.showDiagnoses)
        for (const d of block.client.diagnoses) lines.push({ text: `${d.pointer}. ${d.code} ${d.description}` });
      let y = top;
      for (const line of lines) {
        const font = line.bold ? this.fonts.bold : this.fonts.regular;
        const size = line.muted ? 8 : 9.5;
        for (const piece of wrapText(printable(line.text), font, size, columnWidth - 12)) {
          y -= size * 1.4;
          this.page.drawText(piece, { x, y: y + size * 0.3, size, font, color: line.muted ? muted : ink });
        }
      }
      lowest = Math.min(lowest, y);
    });
    this.y = lowest - 14;
  }

  /** A heading above a section (e.g. "Payments"). */
  heading(text: string): void {
    this.room(40);
    this.y -= 12 * 1.35;
    this.page.drawText(printable(text), { x: margin, y: this.y + 3.6, size: 12, font: this.fonts.bold, color: ink });
    this.y -= 4;
  }

  /** A paragraph of text, wrapped, e.g. "Replaces INV-0007" or a note on payment. */
  text(text: string, options: { bold?: boolean; size?: number; muted?: boolean } = {}): void {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const size = options.size ?? 9.5;
    for (const line of wrapText(printable(text), font, size, this.width)) {
      this.room(size * 1.4);
      this.y -= size * 1.4;
      this.page.drawText(line, {
        x: margin,
        y: this.y + size * 0.3,
        size,
        font,
        color: options.muted ? muted : ink,
      });
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /**
   * A table: a shaded header row, then one row per entry; cells wrap within their column, right-
   * aligned columns (money, units) align on their right edge. A row never splits across pages; the
   * header row is drawn again at the top of each new page.
   */
  table(columns: BillingColumn[], rows: string[][]): void {
    const shares = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / shares) * this.width);
    const size = 8.5;
    const leading = size * 1.35;
    const drawHeader = () => {
      const height = leading + 2 * cellPadding;
      this.room(height + leading + 2 * cellPadding);
      this.page.drawRectangle({ x: margin, y: this.y - height, width: this.width, height, color: band });
      this.drawRow(
        columns,
        widths,
        columns.map((c) => c.header),
        this.fonts.bold,
        size,
        muted,
      );
    };
    drawHeader();
    this.pageStarters.push(drawHeader);
    for (const row of rows) {
      const cells = columns.map((_, i) =>
        wrapText(printable(row[i] ?? ''), this.fonts.regular, size, (widths[i] ?? 0) - 2 * cellPadding),
      );
      const height = Math.max(...cells.map((c) => c.length)) * leading + 2 * cellPadding;
      this.room(height);
      this.drawRow(columns, widths, row, this.fonts.regular, size, ink);
      this.page.drawLine({
        start: { x: margin, y: this.y },
        end: { x: margin + this.width, y: this.y },
        thickness: 0.5,
        color: rule,
      });
    }
    this.pageStarters.pop();
    this.y -= 8;
  }

  /** Label and value pairs at the right, under a table: subtotal, total, paid, balance. */
  totals(rows: BillingTotal[]): void {
    const right = margin + this.width;
    const labelRight = right - this.width * 0.2;
    this.room(rows.length * 16 + 4);
    for (const row of rows) {
      const font = row.bold ? this.fonts.bold : this.fonts.regular;
      const size = row.bold ? 11 : 9.5;
      this.y -= size * 1.6;
      this.drawRight(printable(row.label), labelRight, this.y, font, size, row.bold ? ink : muted);
      this.drawRight(printable(row.value), right - cellPadding, this.y, font, size, ink);
    }
    this.y -= 10;
  }

  /** A horizontal rule across the page. */
  rule(): void {
    this.page.drawLine({
      start: { x: margin, y: this.y },
      end: { x: margin + this.width, y: this.y },
      thickness: 0.5,
      color: rule,
    });
  }

  /** Starts a new page unless `height` points still fit on this one. */
  keepTogether(height: number): void {
    this.room(height);
  }

  /**
   * Marks every page VOID: the word across the page in red, so a voided document can never pass
   * for one that is owed (the caller prints when and why in its own text). Call it last, before save.
   */
  voidMark(): void {
    for (const page of this.pdf.getPages()) {
      const size = 110;
      const word = 'VOID';
      const wordWidth = this.fonts.bold.widthOfTextAtSize(word, size);
      // Centred on the page, turned 35 degrees.
      const angle = (35 * Math.PI) / 180;
      const cx = this.size[0] / 2;
      const cy = this.size[1] / 2;
      page.drawText(word, {
        x: cx - (wordWidth / 2) * Math.cos(angle) + (size / 3) * Math.sin(angle),
        y: cy - (wordWidth / 2) * Math.sin(angle) - (size / 3) * Math.cos(angle),
        size,
        font: this.fonts.bold,
        color: voidRed,
        opacity: 0.22,
        rotate: degrees(35),
      });
    }
  }

  /** Page numbers and the document's title at the foot of every page; then the PDF's bytes. */
  async save(): Promise<Uint8Array> {
    const pages = this.pdf.getPages();
    pages.forEach((page, index) => {
      const number = `Page ${index + 1} of ${pages.length}`;
      const numberWidth = this.fonts.regular.widthOfTextAtSize(number, 8);
      const [line] = wrapText(printable(this.options.title), this.fonts.regular, 8, this.width - numberWidth - 16);
      const y = margin - footerHeight + 6;
      page.drawText(line ?? '', { x: margin, y, size: 8, font: this.fonts.regular, color: muted });
      page.drawText(number, {
        x: margin + this.width - numberWidth,
        y,
        size: 8,
        font: this.fonts.regular,
        color: muted,
      });
    });
    return this.pdf.save({ useObjectStreams: false });
  }

  private drawRow(
    columns: BillingColumn[],
    widths: number[],
    cells: string[],
    font: PDFFont,
    size: number,
    color: ReturnType<typeof rgb>,
  ): void {
    const leading = size * 1.35;
    const wrapped = columns.map((_, i) =>
      wrapText(printable(cells[i] ?? ''), font, size, (widths[i] ?? 0) - 2 * cellPadding),
    );
    const height = Math.max(...wrapped.map((c) => c.length)) * leading + 2 * cellPadding;
    let x = margin;
    columns.forEach((column, i) => {
      let y = this.y - cellPadding;
      for (const line of wrapped[i] ?? []) {
        y -= leading;
        if (column.align === 'right')
          this.drawRight(line, x + (widths[i] ?? 0) - cellPadding, y + size * 0.3, font, size, color);
        else this.page.drawText(line, { x: x + cellPadding, y: y + size * 0.3, size, font, color });
      }
      x += widths[i] ?? 0;
    });
    this.y -= height;
  }

  private drawRight(
    text: string,
    right: number,
    y: number,
    font: PDFFont,
    size: number,
    color: ReturnType<typeof rgb>,
  ) {
    const width = font.widthOfTextAtSize(text, size);
    this.page.drawText(text, { x: right - width, y, size, font, color });
  }

  private room(height: number): void {
    if (this.y - height >= margin) return;
    this.page = this.pdf.addPage([this.size[0], this.size[1]]);
    this.y = this.size[1] - margin;
    for (const start of this.pageStarters) start();
  }
}
