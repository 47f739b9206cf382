// Takes the README screenshots from a release build in dist/ with its prerendered pages, as a
// reader first sees them (the front page and the article prerendered, their live parts run):
//   node scripts/perf/screenshots.mjs
//     → docs/screenshots/{front,article,not-found}-{1280,390}.png, article-{1280,390}-dark.png,
//       live-{1280,390}.png (the sample live blog), and {ar,uk}-{front,article}-{1280,390}.png:
//       the Arabic and Ukrainian sample papers (public/papers/), each published in a copy of
//       dist/ with its site.json swapped in.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tests/e2e/server.mjs';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Screenshots of `pages` ([name, path, {dark, full}]) of the paper in `dir`. */
async function shoot(dir, pages, prefix = '') {
  const server = await serve(dir, { prerendered: true });
  for (const width of [1280, 390]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: width > 600 ? 1000 : 844 }, colorScheme: scheme, serviceWorkers: 'block' });
      const page = await context.newPage();
      for (const [name, path, { dark = false, full = false } = {}] of pages) {
        if (scheme === 'dark' && !dark) continue;
        await page.goto(server.url + path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.locator('.masthead__date').filter({ hasText: /\p{Nd}{4}/u }).first().waitFor();
        // A live page is the app's at once: once it has taken the page over.
        if (await page.locator('[data-live-status="live"]').count()) {
          await page.waitForFunction(() => document.querySelector('[data-in-place]:not([hidden])'));
        }
        // Scroll through once so lazy pictures load, as they would for a reader.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 50)); }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState('networkidle');
        const suffix = scheme === 'dark' ? '-dark' : '';
        await page.screenshot({ path: `${out}${prefix}${name}-${width}${suffix}.png`, fullPage: full });
      }
      await context.close();
    }
  }
  await server.close();
}

await shoot(DIST, [
  ['front', '/', { full: true }],
  ['article', '/world/eu-leaders-agree-grid-compact', { dark: true }],
  ['not-found', '/no/such/page'],
  ['live', '/world/north-sea-storm-live', { full: true }],
]);

for (const [paper, article] of [['ar', '/egypt/upper-egypt-schools-plant-palm-groves'], ['uk', '/ukraine/vinnytsia-school-roofs-go-solar']]) {
  const parent = mkdtempSync(join(tmpdir(), `meridian-${paper}-`));
  const dir = join(parent, 'dist');
  try {
    cpSync(realpathSync(DIST), dir, { recursive: true });
    copyFileSync(join(dir, `papers/${paper}/site.json`), join(dir, 'site.json'));
    const run = spawnSync('cargo', ['run', '--quiet', '--no-default-features', '--features', 'ssr', '--bin', 'publish', '--', dir], { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`publish of the ${paper} paper failed`);
    await shoot(dir, [['front', '/'], ['article', article]], `${paper}-`);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
await browser.close();
console.log('screenshots written to', out);
