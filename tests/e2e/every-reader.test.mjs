// Every reader: axe-core (WCAG 2.1 AA) in both themes, the theme toggle, print, share,
// focus and announcements on navigation, and the head tags crawlers and link previews read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const heading = (page) => page.getByRole('heading', { level: 1 });
const ARTICLE = '/world/eu-leaders-agree-grid-compact';

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG 2.1 AA violation (${scheme} theme)`, async () => {
    const page = await h.page({ colorScheme: scheme });
    const pages = [
      ['front page', '/'],
      ['category', '/business'],
      ['article', ARTICLE],
      ['search with filters open', '/search?q=energy&category=world,business&sort=newest'],
      ['404', '/no/such/page'],
    ];
    const found = [];
    for (const [name, path] of pages) {
      await page.goto(h.url + path);
      await heading(page).first().waitFor();
      await page.waitForLoadState('networkidle');
      if (path.startsWith('/search')) assert.equal(await page.locator('details[open]').count(), 1, 'filters are open');
      const theme = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(theme, scheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
      for (const v of await axe(page)) found.push(`${name}: ${v}`);
    }
    assert.deepEqual(found, []);
  });
}

test('landmarks, one h1, a skip link and the page language', async () => {
  const page = await h.page();
  await page.goto(h.url + ARTICLE);
  await heading(page).waitFor();
  for (const role of ['banner', 'main', 'contentinfo']) assert.equal(await page.getByRole(role).count(), 1, role);
  assert.ok(await page.getByRole('navigation').count() >= 3);
  assert.ok(await page.getByRole('complementary').count() >= 1);
  assert.equal(await heading(page).count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-US');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
});

test('after a client-side navigation, focus is on the new heading and the title is announced', async () => {
  const page = await h.page();
  await page.goto(h.url + '/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Science' }).click();
  await heading(page).filter({ hasText: 'Science' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.getByRole('status').filter({ hasText: 'Science — The Daily Meridian' }).waitFor();
});

test('the theme toggle switches to dark and is remembered', async () => {
  const page = await h.page({ colorScheme: 'light' });
  await page.goto(h.url + '/');
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.press('Enter');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(18, 18, 18)');
  await page.reload();
  await page.getByRole('button', { name: 'Dark mode', pressed: true }).waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(18, 18, 18)');
  await page.getByRole('button', { name: 'Dark mode' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Dark mode', pressed: false }).waitFor();
});

test('an article prints as an article: no navigation, ads, sidebars or search; its URL shown', async () => {
  const page = await h.page();
  await page.goto(h.url + ARTICLE);
  await heading(page).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByText('- Advertisement -').first().isVisible(), false);
  assert.equal(await page.getByRole('navigation', { name: 'Sections' }).isVisible(), false);
  assert.equal(await page.getByRole('searchbox').first().isVisible(), false);
  assert.equal(await page.getByRole('region', { name: 'Top news' }).isVisible(), false);
  assert.equal(await page.getByText(h.url + ARTICLE, { exact: true }).isVisible(), true);
  assert.equal(await heading(page).isVisible(), true);
});

test('share falls back to copy-link with a confirmation, by keyboard; plain share links', async () => {
  const page = await h.page({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.addInitScript(() => { delete Navigator.prototype.share; });
  await page.goto(h.url + ARTICLE);
  const share = page.getByRole('region', { name: 'Share this article' });
  const copy = share.getByRole('button', { name: 'Copy link' });
  await copy.focus();
  await page.keyboard.press('Enter');
  await share.getByText('Link copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), h.url + ARTICLE);
  const mail = await share.getByRole('link', { name: 'E-mail' }).getAttribute('href');
  assert.ok(mail.startsWith('mailto:?subject=EU%20leaders') && mail.includes(encodeURIComponent(h.url + ARTICLE)), mail);
  assert.match(await share.getByRole('link', { name: 'X' }).getAttribute('href'), /^https:\/\/twitter\.com\/intent\/tweet\?url=http/);
});

test('an article carries its title, description, canonical, OpenGraph, Twitter and NewsArticle tags', async () => {
  const page = await h.page();
  await page.goto(h.url + ARTICLE);
  await heading(page).waitFor();
  const meta = (sel) => page.locator(sel).getAttribute('content');
  const title = 'EU leaders strike overnight deal on a shared electricity grid compact';
  assert.equal(await page.title(), `${title} — The Daily Meridian`);
  assert.match(await meta('meta[name="description"]'), /^After fourteen hours of talks/);
  await page.waitForFunction(() => document.querySelector('link[rel="canonical"]')?.href.startsWith('http'));
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), h.url + ARTICLE);
  assert.equal(await meta('meta[property="og:type"]'), 'article');
  assert.equal(await meta('meta[property="og:title"]'), title);
  assert.equal(await meta('meta[property="og:url"]'), h.url + ARTICLE);
  assert.equal(await meta('meta[property="og:image"]'), h.url + '/api/images/parliament.jpg');
  assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, title);
  assert.equal(ld.mainEntityOfPage, h.url + ARTICLE);
  assert.deepEqual(ld.author.map((a) => a.name), ['Hélène Dufresne', 'Pieter Vandamme']);
  assert.equal(ld.datePublished, '2026-11-25T06:45:00+01:00');
});

test('lists say how long ago, with the exact time on hover; the layout holds at 320 px', async () => {
  const page = await h.page({ viewport: { width: 320, height: 700 } });
  await page.goto(h.url + '/');
  const time = page.getByRole('main').locator('time').first();
  await time.waitFor();
  assert.match(await time.getAttribute('title'), /^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}/);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
});
