import { DateTime } from 'luxon';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { DateTimeFormat } from '../../../shared/date-time-format.js';
import { embedPdfFonts, printable, wrapText } from '../../platform/pdf-fonts.js';

/**
 * The completed-document PDF: the record a practice keeps of what a client filled in and signed
 * (docs/decisions/033). Rendered from the saved answers only, and deterministic: the same record
 * gives the same bytes (the PDF's dates are the signing time, its font subsets are named by
 * pdf-lib's seeded generator, nothing reads the clock or chance). DejaVu Sans prints any name in
 * Latin, Greek or Cyrillic script, with accents.
 */

export interface PrintedRecord {
  practice: { name: string; timeZone: string; dateTimeFormat: DateTimeFormat };
  client: { name: string };
  template: { name: string; version: number };
  /** The shared item's id: printed so a paper copy leads back to the record. */
  reference: string;
  /** Every part of the document, in order: headings, instructions or consent text, and answers. */
  entries: PrintedEntry[];
  signing: {
    signerName: string;
    /** ISO 8601 in UTC. */
    signedAt: string;
    ipAddress: string;
    /** SHA-256 (hex) of the signed content (documents.signed-content.ts). */
    contentSha256: string;
  };
}

export type PrintedEntry =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list-item'; text: string }
  /** A question and its answer as text; null when the client left it blank. */
  | { kind: 'answer'; label: string; answer: string | null }
  | { kind: 'signature'; label: string; signature: PrintedSignature };

export type PrintedSignature = { method: 'drawn'; png: Uint8Array } | { method: 'typed'; name: string };

const pageSizes = { a4: [595.28, 841.89], letter: [612, 792] } as const;
const margin = 56;
const footerHeight = 28;
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.38, 0.38, 0.42);
const rule = rgb(0.8, 0.8, 0.84);

/** The completed document as PDF bytes. */
export async function renderCompletedDocumentPdf(record: PrintedRecord): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const { regular, bold } = await embedPdfFonts(pdf);
  const signedAt = new Date(record.signing.signedAt);
  pdf.setTitle(`${record.template.name} — ${record.client.name}`, { showInWindowTitleBar: true });
  pdf.setAuthor(record.practice.name);
  pdf.setSubject(`Completed document ${record.reference}`);
  pdf.setProducer('Portico');
  pdf.setCreator('Portico');
  pdf.setLanguage('en');
  pdf.setCreationDate(signedAt);
  pdf.setModificationDate(signedAt);

  const size = record.practice.dateTimeFormat.dateOrder === 'month-first' ? pageSizes.letter : pageSizes.a4;
  const writer = new Writer(pdf, size, regular, bold);

  writer.text(record.practice.name, { font: bold, size: 16 });
  writer.gap(4);
  writer.text(record.template.name, { font: bold, size: 13 });
  writer.text(`Version ${record.template.version}`, { size: 10, color: muted });
  writer.gap(8);
  writer.field('Client', record.client.name);
  writer.field('Reference', record.reference);
  writer.gap(6);
  writer.rule();
  writer.gap(10);

  for (const entry of record.entries) await writer.entry(entry);

  writer.gap(10);
  writer.keepTogether(150);
  writer.rule();
  writer.gap(10);
  writer.text('Electronic signature', { font: bold, size: 12 });
  writer.gap(4);
  writer.field('Signed by', record.signing.signerName);
  writer.field('Signed at', formatInZone(record.signing.signedAt, record.practice));
  writer.field('Signed at (UTC)', DateTime.fromISO(record.signing.signedAt, { zone: 'utc' }).toISO() ?? '');
  writer.field('IP address', record.signing.ipAddress);
  writer.field('Consent', 'The signer agreed to sign electronically.');
  writer.field('SHA-256 of the signed content', record.signing.contentSha256);

  writer.footers(`${record.template.name} · version ${record.template.version} · ${record.client.name}`);
  return pdf.save({ useObjectStreams: false });
}

/** The signing time in the practice's zone, in the practice's date order and clock. */
export function formatInZone(iso: string, practice: PrintedRecord['practice']): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' }).setZone(practice.timeZone).setLocale('en');
  const date = practice.dateTimeFormat.dateOrder === 'month-first' ? 'MMMM d, yyyy' : 'd MMMM yyyy';
  const clock = practice.dateTimeFormat.clock === '12-hour' ? 'h:mm:ss a' : 'HH:mm:ss';
  return `${time.toFormat(`${date}, ${clock}`)} (${practice.timeZone}, UTC${time.toFormat('ZZ')})`;
}

interface TextOptions {
  font?: PDFFont;
  size?: number;
  color?: ReturnType<typeof rgb>;
  indent?: number;
}

/** Lays text out top to bottom, starting a new page when the next line does not fit. */
class Writer {
  private page: PDFPage;
  private y: number;
  private readonly width: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly size: readonly [number, number],
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage([size[0], size[1]]);
    this.y = size[1] - margin;
    this.width = size[0] - 2 * margin;
  }

  async entry(entry: PrintedEntry): Promise<void> {
    switch (entry.kind) {
      case 'heading':
        this.gap(6);
        this.keepTogether(40);
        this.text(entry.text, { font: this.bold, size: 12 });
        this.gap(4);
        return;
      case 'paragraph':
        this.text(entry.text, { size: 10 });
        this.gap(6);
        return;
      case 'list-item':
        this.text(`•  ${entry.text}`, { size: 10, indent: 10 });
        this.gap(2);
        return;
      case 'answer':
        this.keepTogether(30);
        this.text(entry.label, { font: this.bold, size: 10 });
        if (entry.answer === null || entry.answer.trim() === '') this.text('No answer', { size: 10, color: muted });
        else this.text(entry.answer, { size: 10, indent: 0 });
        this.gap(8);
        return;
      case 'signature':
        this.keepTogether(110);
        this.text(entry.label, { font: this.bold, size: 10 });
        this.gap(4);
        if (entry.signature.method === 'drawn') this.image(await this.pdf.embedPng(entry.signature.png));
        else this.text(entry.signature.name, { font: this.bold, size: 18 });
        this.gap(8);
        return;
    }
  }

  field(label: string, value: string): void {
    this.keepTogether(26);
    this.text(label, { size: 8, color: muted });
    this.text(value, { size: 10 });
    this.gap(4);
  }

  text(text: string, options: TextOptions = {}): void {
    const font = options.font ?? this.regular;
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const leading = size * 1.35;
    for (const line of wrapText(printable(text), font, size, this.width - indent)) {
      this.room(leading);
      this.y -= leading;
      if (line !== '')
        this.page.drawText(line, {
          x: margin + indent,
          y: this.y + size * 0.3,
          size,
          font,
          color: options.color ?? ink,
        });
    }
  }

  image(image: PDFImage): void {
    const scale = Math.min(1, 240 / image.width, 90 / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    this.room(height + 6);
    this.y -= height;
    this.page.drawImage(image, { x: margin, y: this.y, width, height });
    this.page.drawLine({
      start: { x: margin, y: this.y - 2 },
      end: { x: margin + 240, y: this.y - 2 },
      thickness: 0.5,
      color: rule,
    });
    this.y -= 6;
  }

  rule(): void {
    this.room(2);
    this.page.drawLine({
      start: { x: margin, y: this.y },
      end: { x: margin + this.width, y: this.y },
      thickness: 0.5,
      color: rule,
    });
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Starts a new page unless `height` points still fit on this one (keeps a label with its answer). */
  keepTogether(height: number): void {
    this.room(height);
  }

  /** Page numbers and a line naming the document at the foot of every page. */
  footers(title: string): void {
    const pages = this.pdf.getPages();
    pages.forEach((page, index) => {
      const number = `Page ${index + 1} of ${pages.length}`;
      const numberWidth = this.regular.widthOfTextAtSize(number, 8);
      const [line] = wrapText(printable(title), this.regular, 8, this.width - numberWidth - 16);
      page.drawText(line ?? '', { x: margin, y: margin - footerHeight + 8, size: 8, font: this.regular, color: muted });
      page.drawText(number, {
        x: margin + this.width - numberWidth,
        y: margin - footerHeight + 8,
        size: 8,
        font: this.regular,
        color: muted,
      });
    });
  }

  private room(height: number): void {
    if (this.y - height >= margin) return;
    this.page = this.pdf.addPage([this.size[0], this.size[1]]);
    this.y = this.size[1] - margin;
  }
}
