// Prerendered pages (src/bin/prerender.rs): real HTML for the first paint and for readers
// and crawlers without JavaScript, then the browser build hydrates it and takes over as the
// single-page app, without fetching again what the page already carries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './harness.mjs';

const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));
const ARTICLE = '/world/eu-leaders-agree-grid-compact';
const TITLE = 'EU leaders strike overnight deal on a shared electricity grid compact';

let h;
before(async () => { h = await start({ prerendered: true, csp: true }); });
after(async () => { await h?.close(); });

const heading = (page) => page.getByRole('heading', { level: 1 });
/** The masthead date is written by the browser once the app has taken over. */
const takenOver = (page) => page.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor();

/** A page that records its requests and CSP violations. */
async function page(options) {
  const p = await h.page(options);
  p.requests = [];
  p.on('request', (r) => p.requests.push(new URL(r.url()).pathname));
  await p.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return p;
}

test('the front page, every section and every article are prerendered; 404.html stays the shell', () => {
  const index = JSON.parse(readFileSync(join(DIST, 'api/articles.json'), 'utf8')).articles;
  const site = JSON.parse(readFileSync(join(DIST, 'site.json'), 'utf8'));
  const paths = ['', ...site.categories.map((c) => c.slug), ...index.map((a) => `${a.category}/${a.slug}`)];
  for (const path of paths) {
    const dir = join(DIST, path);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    assert.match(html, /<h1[^>]*>/, path);
    assert.match(html, /<title>[^<]+<\/title>/, path);
    const data = readdirSync(dir).filter((n) => /^data-[0-9a-f]{8}\.js$/.test(n));
    assert.equal(data.length, 1, `${path}: one data file`);
    assert.ok(html.includes(`/${path ? path + '/' : ''}${data[0]}"`), `${path} loads its data file`);
    assert.ok(!/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/.test(html), `${path}: no inline script`);
  }
  const article = readFileSync(join(DIST, ARTICLE, 'index.html'), 'utf8');
  assert.equal(article.match(/<title>/g).length, 1);
  assert.ok(article.includes(`<title>${TITLE} — The Daily Meridian</title>`));
  const shell = readFileSync(join(DIST, '404.html'), 'utf8');
  assert.ok(!shell.includes('<h1') && !shell.includes('data-'), 'the shell renders every other route client-side');
  assert.ok(!existsSync(join(DIST, 'tag')), 'tags and search are left to the client');
});

test('without JavaScript, a reader (or a crawler) gets the whole article', async () => {
  const p = await page({ javaScriptEnabled: false });
  await p.goto(h.url + ARTICLE);
  assert.equal(await heading(p).textContent(), TITLE);
  const crumbs = p.getByRole('navigation', { name: 'Breadcrumb' });
  assert.deepEqual(await crumbs.getByRole('listitem').allTextContents(), ['Home', 'World', TITLE]);
  await p.getByText('After fourteen hours of talks in Brussels').waitFor();
  await p.getByText('By Hélène Dufresne').waitFor();
  await p.getByText('The agreement still needs the approval of the European Parliament').waitFor();
  const lead = p.getByRole('main').locator('figure img').first();
  assert.equal(await lead.getAttribute('width'), '800');
  assert.equal(await lead.getAttribute('height'), '450');
  await p.getByRole('region', { name: 'Top news' }).getByRole('listitem').first().waitFor();
  await p.getByRole('region', { name: 'Related articles' }).getByRole('link').first().waitFor();
  assert.ok(await p.locator('#ad-inline-1').count() >= 1);
  // Before the browser's clock is known, dates are written in the article's own offset.
  await p.getByText('Published November 25, 2026 at 6:45 AM').waitFor();
  // Links are plain links: they work without the app.
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business', exact: true }).click();
  await heading(p).filter({ hasText: 'Business' }).waitFor();
  assert.ok(await p.getByRole('main').getByRole('article').count() >= 3);
});

test('the app takes over the prerendered page without fetching what it carries', async () => {
  const p = await page();
  await p.goto(h.url + ARTICLE);
  await takenOver(p);
  assert.equal(await heading(p).textContent(), TITLE);
  assert.ok(!p.requests.some((u) => u.startsWith('/api/articles')), p.requests.join('\n'));
  assert.ok(!p.requests.includes('/site.json'), 'site.json came with the page');
  // Once the app runs, dates follow the reader's clock: the masthead says today.
  const today = await p.evaluate(() => new Intl.DateTimeFormat('en-US', {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date()));
  assert.equal(await p.locator('.masthead__date').textContent(), today);
  // It is the single-page app now: links navigate client-side, interactive parts work.
  await p.evaluate(() => { window.__sameDocument = true; });
  const related = p.getByRole('region', { name: 'Related articles' }).getByRole('link').first();
  const next = await related.textContent();
  await related.click();
  await heading(p).filter({ hasText: next }).waitFor();
  assert.ok(p.requests.some((u) => u.startsWith('/api/articles/')), 'a later page fetches its JSON');
  await p.getByRole('button', { name: 'Dark mode' }).click();
  assert.equal(await p.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await p.goBack();
  await heading(p).filter({ hasText: TITLE }).waitFor();
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no full reload happened');
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});

test('the front page and a section hydrate too; routes without a page render from the shell', async () => {
  const p = await page();
  for (const [path, title] of [['/', 'The Daily Meridian — front page'], ['/science', 'Science'], ['/science/', 'Science']]) {
    await p.goto(h.url + path);
    await takenOver(p);
    assert.equal(await heading(p).textContent(), title, path);
    // Cards say how long ago once the reader's clock is known.
    assert.ok((await p.locator('.card__meta time').allTextContents()).some((t) => /ago|yesterday|^[A-Z][a-z]{2} \d/.test(t)));
  }
  await p.goto(h.url + '/tag/energy');
  await heading(p).filter({ hasText: 'Tagged “energy”' }).waitFor();
  await p.goto(h.url + '/world/published-after-the-last-prerender');
  await heading(p).filter({ hasText: 'Page not found' }).waitFor();
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});

test('every prerendered page hydrates without an error', async () => {
  const pages = readFileSync(join(DIST, '.prerendered'), 'utf8').split('\n');
  assert.ok(pages.length > 40);
  const p = await page();
  for (const path of pages) {
    await p.goto(`${h.url}/${path}`);
    await takenOver(p);
    await heading(p).waitFor();
    assert.notEqual(await heading(p).textContent(), 'Something went wrong', path);
    assert.deepEqual(await p.evaluate(() => window.__csp), [], path);
  }
  assert.deepEqual(p.errors, []);
});

test('a rerun after content changes drops stale pages and skips what does not render', () => {
  const parent = mkdtempSync(join(tmpdir(), 'meridian-prerender-'));
  const dir = join(parent, 'dist');
  try {
    cpSync(realpathSync(DIST), dir, { recursive: true });
    // One article deleted, one damaged, one filed under a category that is not a path segment.
    const indexFile = join(dir, 'api/articles.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    const [gone, damaged, hostile] = index.articles.slice(0, 3);
    index.articles = index.articles.filter((a) => a !== gone);
    hostile.category = '../../escaped';
    writeFileSync(indexFile, JSON.stringify(index));
    writeFileSync(join(dir, `api/articles/${damaged.slug}.json`), '{"slug": ');
    const out = execFileSync('cargo', ['run', '--quiet', '--no-default-features', '--features', 'ssr', '--bin', 'prerender', '--', dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /prerender: \d+ pages/);
    assert.ok(!existsSync(join(dir, gone.category, gone.slug)), 'the deleted article has no page left');
    assert.ok(!existsSync(join(dir, damaged.category, damaged.slug, 'index.html')), 'a damaged article is left to the client');
    assert.ok(!existsSync(join(parent, 'escaped')) && !existsSync(join(dir, '..', '..', 'escaped')));
    const listed = readFileSync(join(dir, '.prerendered'), 'utf8').split('\n');
    assert.ok(!listed.some((p) => p.includes(gone.slug) || p.includes(damaged.slug) || p.includes('..')));
    assert.ok(listed.length >= 40);
    assert.equal(readFileSync(join(dir, '404.html'), 'utf8'), readFileSync(join(DIST, '404.html'), 'utf8'));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a page whose data does not load is rendered once, by the app', async () => {
  const p = await page();
  await p.route('**/data-*.js', (route) => route.abort());
  await p.goto(h.url + ARTICLE);
  await takenOver(p);
  await heading(p).filter({ hasText: TITLE }).waitFor();
  assert.equal(await p.getByRole('heading', { level: 1 }).count(), 1);
  assert.equal(await p.getByRole('banner').count(), 1);
  assert.deepEqual(p.errors, []);
});

test('a page whose code chunk does not load is rendered by the app, which says why; Retry recovers', async () => {
  // A section's code is a chunk of its own (src/chunks.rs): the page hydrates once it is
  // loaded. Here it cannot be (a dropped connection, or a deploy removed it).
  const chunk = /\/split_category_page-[0-9a-f]+\.wasm$/;
  const p = await page();
  await p.route(chunk, (route) => route.abort());
  await p.goto(h.url + '/science');
  const alert = p.getByRole('main').getByRole('alert');
  await alert.getByRole('heading', { name: 'The news server cannot be reached' }).waitFor();
  assert.equal(await p.getByRole('banner').count(), 1, 'rendered once, in place of the page');
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Science' }).waitFor();
  await p.unroute(chunk);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await heading(p).filter({ hasText: 'Science' }).waitFor();
  assert.ok((await p.locator('.card__meta time').count()) > 0);
  assert.deepEqual(p.errors, []);
});

test('a page that cannot be hydrated stays a readable page', async () => {
  const p = await page();
  // Markup that no longer matches what the app renders (an edited or corrupted page).
  await p.route(`**${ARTICLE}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<nav aria-label="Breadcrumb"[\s\S]*?<\/nav>/, '<p>Edited by hand</p>');
    await route.fulfill({ response, body: html });
  });
  const panics = [];
  p.on('console', (m) => { if (/panicked|unreachable/.test(m.text())) panics.push(m.text()); });
  await p.goto(h.url + ARTICLE);
  await p.waitForFunction(() => document.readyState === 'complete');
  await p.waitForTimeout(1000);
  assert.equal(await heading(p).textContent(), TITLE);
  await p.getByText('The agreement still needs the approval of the European Parliament').waitFor();
  assert.equal(await p.getByText('Something went wrong').count(), 0);
  assert.ok(panics.length > 0, 'the mismatch was detected');
  assert.equal(await p.evaluate(() => document.documentElement.dataset.app), 'dead');
  // Its links still work, as plain links.
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sport', exact: true }).click();
  await heading(p).filter({ hasText: 'Sport' }).waitFor();
});
