import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { startPortico, type Portico } from './portico.js';

export const screenshotDir = path.resolve('test-results/screenshots');
mkdirSync(screenshotDir, { recursive: true });

/** One server per worker; tests that need an empty deployment start their own with startPortico(). */
export const test = base.extend<object, { portico: Portico }>({
  portico: [
    // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const portico = await startPortico();
      await use(portico);
      await portico.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect };

/**
 * Fails on any axe violation, listing each rule and the elements it found. It waits for running
 * animations first: a dialog still fading in blends its colours with the page behind, and axe
 * would judge the contrast of a frame nobody reads.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // Endless ones (a loader's spin) never finish and change no colour that matters.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, 'accessibility violations').toEqual([]);
}

/** Saves a full-page screenshot under test-results/screenshots, to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
