import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedPdfFonts } from './pdf-fonts.js';

async function onePage(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedPdfFonts(pdf);
  const page = pdf.addPage();
  page.drawText(text, { font: fonts.regular, size: 11, x: 50, y: 700 });
  page.drawText(text, { font: fonts.bold, size: 11, x: 50, y: 680 });
  return Buffer.from(await pdf.save());
}

describe('embedPdfFonts', () => {
  it('gives a document the same bytes whatever other documents were printed before it with the shared parsed font', async () => {
    const first = await onePage('Invoice INV-1042: Individual therapy');
    await onePage('Ζωή Παπαδοπούλου · Сёрен Кьеркегор · Ærøskøbing «Ø»');
    await onePage('0123456789 $€£¥ — “quotes” ½ ¾');
    const again = await onePage('Invoice INV-1042: Individual therapy');
    expect(again.equals(first)).toBe(true);
    // Each document carries only the glyphs it prints: the later, wider texts left nothing behind.
    expect(again.length).toBe(first.length);
  });
});
