import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { buildWeb } from '../scripts/build-web.js';
import { defaultWebRoot } from '../src/server/main.js';

/**
 * A page as a first visit opens it: its app's entry (the built `index.html`) and the lazily loaded
 * modules it waits for before it shows, named as in the Vite manifest (paths under src/web).
 */
export interface WebPage {
  name: string;
  entry: 'portal/index.html' | 'staff/index.html';
  lazy: string[];
}

/** The pages measured: each app's sign-in page and the first page after signing in. */
export const webPages: WebPage[] = [
  { name: 'portal sign-in', entry: 'portal/index.html', lazy: [] },
  {
    name: 'portal Home',
    entry: 'portal/index.html',
    // Home, its frame and the live updates it listens to (for a client with messaging on).
    lazy: [
      'portal/common/layout/SignedInLayout.tsx',
      'portal/features/home/HomePage.tsx',
      'portal/features/messages/MessagesLive.tsx',
    ],
  },
  { name: 'staff sign-in', entry: 'staff/index.html', lazy: ['staff/features/auth/SignInPage.tsx'] },
  {
    name: 'staff client list',
    entry: 'staff/index.html',
    // The signed-in shell, the list, and the live updates the shell listens to (owners and clinicians).
    lazy: [
      'staff/common/layout/AppLayout.tsx',
      'staff/features/clients/ClientsListPage.tsx',
      'staff/features/messages/MessagingLive.ts',
    ],
  },
];

/** Bytes as built and as the server sends them to a browser that accepts gzip, and one that accepts Brotli. */
export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** What a first visit to a page downloads before it shows. */
export interface FirstLoad {
  page: string;
  /** The JavaScript files, relative to the web root. */
  js: string[];
  css: string[];
  jsSizes: Sizes;
  cssSizes: Sizes;
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

/** One chunk of a Vite manifest (dist/web/.vite/staff-manifest.json, portal-manifest.json). */
interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  css?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/** The Vite manifest of one app's build (vite.config.ts builds each app on its own). */
export function readManifest(webRoot: string, entry: WebPage['entry']): Manifest {
  const app = entry.split('/')[0] ?? '';
  return JSON.parse(readFileSync(path.join(webRoot, `.vite/${app}-manifest.json`), 'utf8')) as Manifest;
}

/**
 * The files a first visit to the page downloads: its entry chunk, the lazy modules it waits for,
 * and every chunk those import statically (not their own `import()`s, which load later), with the
 * stylesheets of each.
 */
export function filesOf(manifest: Manifest, page: WebPage): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${page.name}: ${key} is not a chunk of the build (is it still loaded lazily?)`);
    if (js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of [page.entry, ...page.lazy]) visit(key);
  return { js: [...js], css: [...css] };
}

/**
 * A file's size as built, and as the server sends it: the `.gz` and `.br` copies the build wrote
 * beside it (scripts/precompress.ts), or the file itself where it has none (too small to gain).
 */
function sizesOf(webRoot: string, files: readonly string[]): Sizes {
  const total: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const full = path.join(webRoot, file);
    const raw = statSync(full).size;
    const copy = (suffix: string): number => (existsSync(full + suffix) ? statSync(full + suffix).size : raw);
    total.raw += raw;
    total.gzip += copy('.gz');
    total.brotli += copy('.br');
  }
  return total;
}

export function firstLoadOf(webRoot: string, page: WebPage): FirstLoad {
  const { js, css } = filesOf(readManifest(webRoot, page.entry), page);
  return { page: page.name, js, css, jsSizes: sizesOf(webRoot, js), cssSizes: sizesOf(webRoot, css) };
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

/** Builds the web apps from the current source, then reads each page's first-load sizes. */
export async function measureBundles(): Promise<FirstLoad[]> {
  await buildWeb();
  return webPages.map((page) => firstLoadOf(defaultWebRoot, page));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The portal sign-in page's JavaScript, gzip, that a client on a phone waits for (issue 15). */
export const portalFirstLoadGoal = 120 * 1024;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

export function renderWeb(result: WebResult): string[] {
  const lines = [
    '## Web',
    '',
    "What a first visit to each page downloads before it shows, from the build's Vite manifest: the app's entry " +
      'chunk, the lazy pages it waits for, every chunk those import statically (not the ones they load later), and ' +
      'their stylesheets. gzip and Brotli are the copies the build writes and Portico sends (gzip level 9, Brotli ' +
      'quality 11), with a one-year immutable cache.',
    '',
    '| page | JS files | JS | JS gzip | JS Brotli | CSS | CSS gzip | CSS Brotli |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.firstLoad.map(
      ({ page, js, jsSizes, cssSizes }) =>
        `| ${page} | ${js.length} | ${kb(jsSizes.raw)} | ${kb(jsSizes.gzip)} | ${kb(jsSizes.brotli)} | ` +
        `${kb(cssSizes.raw)} | ${kb(cssSizes.gzip)} | ${kb(cssSizes.brotli)} |`,
    ),
    '',
    `Goal: the portal's first-load JavaScript at most ${kb(portalFirstLoadGoal)} gzip (decision record 028).`,
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
