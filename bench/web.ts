import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { buildWebIfMissing } from '../scripts/build-web.js';
import { defaultWebRoot } from '../src/server/main.js';

/** What a browser downloads before an app can start: its entry script and everything that imports statically. */
export interface FirstLoad {
  app: 'portal' | 'staff';
  /** The JavaScript files, relative to the web root. */
  files: string[];
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
}

export interface LcpResult {
  url: string;
  runs: number;
  cpuSlowdown: number;
  /** Each load's Largest Contentful Paint in ms, in the order measured. */
  lcp: number[];
  fcp: number[];
  /** The element the last load's LCP was, e.g. `h1 "Welcome to …"`. */
  element: string;
}

export interface WebResult {
  firstLoad: FirstLoad[];
  lcp: LcpResult | null;
}

const gzipped = (bytes: Buffer): number => gzipSync(bytes).length;

/**
 * Static imports of a built chunk: `import{a as b}from"./shared-x.js"` and `import"./x.js"`, not
 * `import("./x.js")`, which loads later and is not part of the first load.
 */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
    if (match[1]) found.push(match[1]);
  }
  for (const match of code.matchAll(/(?:^|[;\s}])export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+\.js)["']/g)) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

/**
 * The first-load JavaScript and CSS of one app, read from its built index.html: the module script,
 * its modulepreload links and stylesheets, and (to be sure nothing is missed) every chunk those
 * import statically. Sizes are as built and as gzip would send them (node:zlib, default level).
 */
export function firstLoadOf(webRoot: string, app: 'portal' | 'staff'): FirstLoad {
  const html = readFileSync(path.join(webRoot, app, 'index.html'), 'utf8');
  const attribute = (tag: string, name: string): string | undefined =>
    new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    if (tag.startsWith('<script') && attribute(tag, 'type') === 'module') {
      const src = attribute(tag, 'src');
      if (src) scripts.push(src);
    } else if (tag.startsWith('<link')) {
      const rel = attribute(tag, 'rel');
      const href = attribute(tag, 'href');
      if (href && rel === 'modulepreload') scripts.push(href);
      if (href && rel === 'stylesheet') styles.push(href);
    }
  }
  if (scripts.length === 0) throw new Error(`no module script in ${app}/index.html`);
  const toFile = (url: string): string => url.replace(/^\//, '');
  const seen = new Set<string>();
  const queue = scripts.map(toFile);
  let jsBytes = 0;
  let jsGzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const bytes = readFileSync(path.join(webRoot, file));
    jsBytes += bytes.length;
    jsGzipBytes += gzipped(bytes);
    for (const imported of staticImports(bytes.toString('utf8'))) {
      queue.push(path.posix.join(path.posix.dirname(file), imported));
    }
  }
  let cssBytes = 0;
  let cssGzipBytes = 0;
  for (const file of new Set(styles.map(toFile))) {
    const bytes = readFileSync(path.join(webRoot, file));
    cssBytes += bytes.length;
    cssGzipBytes += gzipped(bytes);
  }
  return { app, files: [...seen], jsBytes, jsGzipBytes, cssBytes, cssGzipBytes };
}

/** The flags the browser tests launch Debian's Chromium with (playwright.config.ts). */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Loads the page `runs` times in headless Chromium, each in a fresh context (empty cache, as a
 * client opening the emailed address for the first time), with the CPU slowed `cpuSlowdown` times
 * through the DevTools protocol, and reads Largest Contentful Paint from a buffered
 * PerformanceObserver once the page has settled.
 */
export async function measureLcp(url: string, runs: number, cpuSlowdown: number): Promise<LcpResult> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const lcp: number[] = [];
  const fcp: number[] = [];
  let element = '';
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
        // Recorded from the very start of the page, so no candidate is missed.
        await page.addInitScript(() => {
          const record = { lcp: Number.NaN, fcp: Number.NaN, element: '' };
          Object.assign(window, { __benchPaint: record });
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              const target = (entry as PerformanceEntry & { element?: Element | null }).element;
              record.lcp = entry.startTime;
              record.element = target
                ? `${target.tagName.toLowerCase()} "${target.textContent?.trim().slice(0, 40) ?? ''}"`
                : '?';
            }
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries())
              if (entry.name === 'first-contentful-paint') record.fcp = entry.startTime;
          }).observe({ type: 'paint', buffered: true });
        });
        await page.goto(url, { waitUntil: 'networkidle' });
        // The sign-in page is up when its heading shows (the app renders after /api/portal/:slug
        // and /me answer); a moment more lets the last LCP candidate be reported.
        await page.getByRole('heading').first().waitFor({ state: 'visible', timeout: 60_000 });
        await page.waitForTimeout(1000);
        const paint = await page.evaluate(
          () => (window as unknown as { __benchPaint: { lcp: number; fcp: number; element: string } }).__benchPaint,
        );
        if (!Number.isFinite(paint.lcp)) throw new Error(`no largest-contentful-paint entry on ${url}`);
        lcp.push(paint.lcp);
        fcp.push(paint.fcp);
        element = paint.element;
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { url, runs, cpuSlowdown, lcp, fcp, element };
}

/** Builds the web apps if dist/web is missing, then reads both apps' first-load sizes. */
export async function measureBundles(): Promise<FirstLoad[]> {
  await buildWebIfMissing();
  return [firstLoadOf(defaultWebRoot, 'portal'), firstLoadOf(defaultWebRoot, 'staff')];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

export function renderWeb(result: WebResult): string[] {
  const lines = [
    '## Web',
    '',
    'First-load assets of each app: the entry script of its built `index.html`, its `modulepreload`s and every chunk ' +
      'they import statically, and its stylesheets. gzip is node:zlib at the default level; Portico itself sends ' +
      'the files uncompressed (a reverse proxy in front usually compresses them), with a one-year immutable cache.',
    '',
    '| app | JS files | JS | JS gzip | CSS | CSS gzip |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.firstLoad.map(
      (app) =>
        `| ${app.app === 'portal' ? 'client portal' : 'staff app'} | ${app.files.length} | ${kb(app.jsBytes)} | ${kb(app.jsGzipBytes)} | ` +
        `${kb(app.cssBytes)} | ${kb(app.cssGzipBytes)} |`,
    ),
  ];
  const { lcp } = result;
  if (lcp) {
    const list = (values: readonly number[]): string => values.map((v) => Math.round(v)).join(', ');
    lines.push(
      '',
      `Portal sign-in page (\`${new URL(lcp.url).pathname}\`) in headless Chromium with ${lcp.cpuSlowdown}× CPU slowdown ` +
        `(DevTools \`Emulation.setCPUThrottlingRate\`), loopback network, a fresh browser context (empty cache) per load, ` +
        `${lcp.runs} loads:`,
      '',
      '| page | LCP median | LCP per load | FCP median | LCP element |',
      '| --- | ---: | --- | ---: | --- |',
      `| portal sign-in | ${Math.round(median(lcp.lcp))} ms | ${list(lcp.lcp)} | ${Math.round(median(lcp.fcp))} ms | ${lcp.element.replaceAll('|', '\\|')} |`,
    );
  }
  return lines;
}
