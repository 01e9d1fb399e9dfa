import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { screenshotDir } from './fixtures.js';

const origin = 'http://pdf-render.test';
const build = path.resolve('node_modules/pdfjs-dist/build');

/** A page that draws the PDF's first page on a canvas with pdf.js, as a PDF reader would. */
const renderer = `<!doctype html>
<html lang="en"><head><title>PDF page</title></head>
<body style="margin:0;background:#fff">
<canvas></canvas>
<script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
const doc = await pdfjs.getDocument('/document.pdf').promise;
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvas = document.querySelector('canvas');
canvas.width = viewport.width;
canvas.height = viewport.height;
await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
document.body.dataset.rendered = 'yes';
</script>
</body></html>`;

/**
 * Renders the first page of a PDF to test-results/screenshots/<name>.png: pdf.js (the project's
 * devDependency) draws it on a canvas in a page of its own, served from memory, never the app.
 */
export async function pdfFirstPageToPng(browser: Browser, pdf: Uint8Array, name: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 960, height: 1240 } });
  try {
    const page = await context.newPage();
    await page.route(`${origin}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/') return route.fulfill({ contentType: 'text/html', body: renderer });
      if (pathname === '/document.pdf')
        return route.fulfill({ contentType: 'application/pdf', body: Buffer.from(pdf) });
      if (pathname === '/pdf.mjs' || pathname === '/pdf.worker.mjs')
        return route.fulfill({ contentType: 'text/javascript', body: await readFile(path.join(build, pathname)) });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.body.dataset.rendered === 'yes');
    await page.locator('canvas').screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  } finally {
    await context.close();
  }
}
