import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { screenshotDir } from './fixtures.js';

interface NodeCanvas {
  toBuffer(mime: 'image/png'): Buffer;
}

/** pdf.js's canvas factory in Node (typed as a plain object by pdf.js). */
interface CanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: CanvasRenderingContext2D };
}

/**
 * One page of a PDF drawn to a PNG (pdf.js with the canvas it brings for Node), so a test can
 * save what the document looks like for a person to open.
 */
export async function renderPdfPageToPng(bytes: Uint8Array, pageNumber = 1, scale = 1.5): Promise<Buffer> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false });
  const document = await task.promise;
  try {
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const factory = document.canvasFactory as CanvasFactory;
    const { canvas, context } = factory.create(viewport.width, viewport.height);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, viewport.width, viewport.height);
    await page.render({ canvasContext: context, viewport }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await task.destroy();
  }
}

/** Saves the first page of a PDF as test-results/screenshots/<name>.png. */
export async function pdfFirstPageToPng(pdf: Uint8Array, name: string): Promise<void> {
  await writeFile(path.join(screenshotDir, `${name}.png`), await renderPdfPageToPng(pdf));
}
