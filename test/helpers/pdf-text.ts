import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of a PDF as a reader would extract it, one string per page: the items of each page
 * joined by spaces, lines by line breaks. For tests that check what a generated PDF says.
 */
export async function readPdfText(bytes: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : ' ');
      }
      pages.push(text);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** All pages' text in one string, with runs of white space as one space (to find phrases across lines). */
export async function readPdfWords(bytes: Uint8Array): Promise<string> {
  return (await readPdfText(bytes)).join(' ').replace(/\s+/g, ' ');
}
