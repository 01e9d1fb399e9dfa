import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The fonts and text handling every PDF Portico prints shares (completed documents, invoices,
 * statements, superbills). DejaVu Sans prints any name in Latin, Greek or Cyrillic script, with
 * accents; fonts are embedded as subsets, which pdf-lib names by its seeded generator, so the same
 * content gives the same bytes.
 */

const require = createRequire(import.meta.url);
let fontFiles: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

function loadFontFiles() {
  fontFiles ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontFiles;
}

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * fontkit parses a font file once here rather than once per document: parsing DejaVu Sans is most
 * of what a one-page PDF costs. A parsed font is read-only to pdf-lib — each document makes its own
 * subset of it — so documents may share it.
 */
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const sharedFontkit: typeof fontkit = {
  create(buffer, postscriptName) {
    if (postscriptName !== undefined) return fontkit.create(buffer, postscriptName);
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = fontkit.create(buffer);
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/** Embeds DejaVu Sans (regular and bold) in the document, as subsets. */
export async function embedPdfFonts(pdf: PDFDocument): Promise<PdfFonts> {
  pdf.registerFontkit(sharedFontkit);
  const bytes = await loadFontFiles();
  const regular = await pdf.embedFont(bytes.regular, { subset: true });
  const bold = await pdf.embedFont(bytes.bold, { subset: true });
  return { regular, bold };
}

/**
 * Text a PDF line can hold: line breaks as `\n`, tabs as spaces, other control characters
 * (which no font draws) left out.
 */
export function printable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\p{Cc}\u2028\u2029]/gu, (char) => (char === '\n' ? char : ''));
}

/**
 * Breaks text into lines no wider than `width`: at the text's own line breaks, then between
 * words, and inside a word (between characters) only when the word alone is wider than a line.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      // A word wider than the line is cut between characters (code points, never half a pair).
      let piece = '';
      for (const char of word) {
        if (piece !== '' && measure(piece + char) > width) {
          lines.push(piece);
          piece = '';
        }
        piece += char;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
