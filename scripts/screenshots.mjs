// Takes the README screenshots from a release build in dist/ with its prerendered pages, as a
// reader first sees them (the front page and the article prerendered, their live parts run):
//   node scripts/screenshots.mjs   → docs/screenshots/{front,article,not-found}-{1280,390}.png
import { start } from '../tests/e2e/harness.mjs';
import { mkdirSync } from 'node:fs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const h = await start({ prerendered: true });
const pages = [
  ['front', '/'],
  ['article', '/world/eu-leaders-agree-grid-compact'],
  ['not-found', '/no/such/page'],
];
for (const width of [1280, 390]) {
  for (const scheme of ['light', 'dark']) {
    const page = await h.page({ viewport: { width, height: width > 600 ? 1000 : 844 }, colorScheme: scheme });
    for (const [name, path] of pages) {
      if (scheme === 'dark' && name !== 'article') continue;
      await page.goto(h.url + path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor();
      // Scroll through once so lazy pictures load, as they would for a reader.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 50)); }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle');
      const suffix = scheme === 'dark' ? '-dark' : '';
      await page.screenshot({ path: `${out}${name}-${width}${suffix}.png`, fullPage: name === 'front' });
    }
  }
}
await h.close();
console.log('screenshots written to', out);
