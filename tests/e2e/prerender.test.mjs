// Prerendered pages (the publish step, src/bin/publish/) are static-first: real HTML for the first paint and
// for readers and crawlers without JavaScript; at load only their live parts run (src/live.rs:
// date, weather, theme, share, relative times, rails); the app takes over on the first in-app
// navigation, without a reload, and is the single-page app from then on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './harness.mjs';
import { policyOf } from './server.mjs';
import { createHash } from 'node:crypto';

const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));
const ARTICLE = '/world/eu-leaders-agree-grid-compact';
const TITLE = 'EU leaders strike overnight deal on a shared electricity grid compact';

let h;
before(async () => { h = await start({ prerendered: true, csp: true }); });
after(async () => { await h?.close(); });

const heading = (page) => page.getByRole('heading', { level: 1 });
/** The live parts have run: the masthead says today (from the coming days in Top news' rail file). */
const live = (page) => page.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor();
/** Requests of the app's own code (its JS, WASM and chunks), as opposed to the live parts'. */
const appCode = (u) => /\/(meridian-[0-9a-f]+(_bg\.wasm|\.js)|split[_-][^/]*)$/.test(u);

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
  const policy = policyOf(DIST);
  const index = JSON.parse(readFileSync(join(DIST, 'api/articles.json'), 'utf8')).articles;
  const site = JSON.parse(readFileSync(join(DIST, 'site.json'), 'utf8'));
  const paths = ['', ...site.categories.map((c) => c.slug), ...index.map((a) => `${a.category}/${a.slug}`)];
  for (const path of paths) {
    const dir = join(DIST, path);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    assert.match(html, /<h1[^>]*>/, path);
    assert.match(html, /<title>[^<]+<\/title>/, path);
    assert.deepEqual(readdirSync(dir).filter((n) => /^data-.*\.js$/.test(n)), [], `${path}: no data file`);
    // One round trip to the first paint: the CSS is in the page, and no script is fetched
    // before it; one line of inline script starts the live parts' loader after it. Both are
    // allowed by their hashes in the policy of _headers, and nothing else inline is.
    assert.equal(html.match(/<style>/g)?.length, 1, `${path}: the CSS inline`);
    assert.ok(!/rel="stylesheet"/.test(html), `${path}: no stylesheet to wait for`);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*\bsrc=/g)], [], `${path}: no script to fetch`);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(inline.length, 1, path);
    assert.match(inline[0], /live-loader-[0-9a-f]+\.js/);
    assert.ok(policy.includes(`'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`), `${path}: the script's hash`);
    assert.ok(!/meridian-[0-9a-f]+/.test(html), `${path}: the app is not loaded`);
    // Nor does the browser ask for anything else while the page paints: the favicon is in
    // the page, and the manifest is linked after the paint (by the loader).
    assert.match(html, /<link rel="icon" href="data:image\/svg\+xml,/, path);
    assert.ok(!/rel="manifest"/.test(html), `${path}: the manifest is linked later`);
    assert.equal(html.match(/^<html[^>]*>/m)?.[0].match(/\blang=/g)?.length, 1, `${path}: one lang`);
  }
  // The picture of the first screen (the front page's lead story, a section's newest, an
  // article's lead picture) is fetched at once and first; the others when the reader nears them.
  for (const path of ['', 'world', ARTICLE.slice(1)]) {
    const pictures = [...readFileSync(join(DIST, path, 'index.html'), 'utf8').matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(pictures.length > 1, path);
    assert.match(pictures[0], /loading="eager"[^>]*fetchpriority="high"/, `${path}: the first picture`);
    for (const other of pictures.slice(1)) assert.match(other, /loading="lazy"/, `${path}: ${other}`);
  }
  const article = readFileSync(join(DIST, ARTICLE, 'index.html'), 'utf8');
  assert.equal(article.match(/<title>/g).length, 1);
  assert.ok(article.includes(`<title>${TITLE} — The Daily Meridian</title>`));
  const shell = readFileSync(join(DIST, '404.html'), 'utf8');
  assert.ok(!shell.includes('<h1') && !shell.includes('data-'), 'the shell renders every other route client-side');
  assert.ok(!existsSync(join(DIST, 'tag')), 'tags and search are left to the client');
  // The rails' files: Top news for the paper, and each article's related picks.
  const top = JSON.parse(readFileSync(join(DIST, 'api/rails/top.json'), 'utf8'));
  assert.equal(top.articles.length, 5);
  assert.deepEqual(Object.keys(top.articles[0]).sort(), ['category', 'section', 'slug', 'title']);
  for (const a of index) {
    const rail = JSON.parse(readFileSync(join(DIST, `api/rails/related/${a.slug}.json`), 'utf8'));
    assert.ok(rail.articles.length > 0 && !rail.articles.some((r) => r.slug === a.slug), a.slug);
  }
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
  // The rails are live parts: an article's page depends on its own content alone, so one
  // publish rewrites only the pages that changed (docs/publishing.md).
  assert.equal(await p.getByRole('region', { name: 'Top news' }).count(), 0);
  assert.ok(await p.locator('#ad-inline-1').count() >= 1);
  // Dates are written in the site's time zone by the publish step.
  await p.getByText('Published November 25, 2026 at 6:45 AM').waitFor();
  assert.equal(await p.locator('.masthead__date').textContent(), '', 'the page does not carry the day it was built');
  // Links are plain links: they work without the app.
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business', exact: true }).click();
  await heading(p).filter({ hasText: 'Business' }).waitFor();
  assert.ok(await p.getByRole('main').getByRole('article').count() >= 3);
});


test('at load a prerendered article runs only its live parts, and each of them works', async () => {
  const p = await page();
  await p.goto(h.url + ARTICLE);
  await live(p);
  // Today, in the site's zone, without the app.
  const today = await p.evaluate(() => new Intl.DateTimeFormat('en-US', {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date()));
  assert.equal(await p.locator('.masthead__date').textContent(), today);
  await p.getByRole('banner').getByText(/°C/).waitFor();
  // The rails come from their small files, not from the index.
  await p.getByRole('region', { name: 'Top news' }).getByRole('listitem').first().waitFor();
  await p.getByRole('region', { name: 'Related articles' }).getByRole('link').first().waitFor();
  await p.waitForLoadState('networkidle');
  assert.ok(p.requests.includes('/api/rails/top.json'));
  assert.ok(p.requests.includes('/api/rails/related/eu-leaders-agree-grid-compact.json'));
  // Installable as before: the loader links the manifest.
  assert.equal(await p.locator('link[rel="manifest"]').getAttribute('href'), '/manifest.webmanifest');
  // Theme and share work.
  await p.getByRole('button', { name: 'Dark mode' }).click();
  assert.equal(await p.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await p.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await p.getByRole('region', { name: 'Share this article' }).getByRole('button', { name: 'Copy link' }).click();
  await p.getByText('Link copied').waitFor();
  // Nothing of the app was fetched or mounted: no app code, no index, no site.json, no router.
  assert.deepEqual(p.requests.filter(appCode), []);
  assert.ok(!p.requests.some((u) => u.startsWith('/api/articles') || u === '/site.json'), p.requests.join('\n'));
  assert.equal(await p.locator('#takeover').count(), 0);
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});

test('lists say how long ago at load; the front page and a section run only their live parts too', async () => {
  const p = await page();
  for (const [path, title] of [['/', 'The Daily Meridian — front page'], ['/science', 'Science'], ['/science/', 'Science']]) {
    await p.goto(h.url + path);
    await live(p);
    assert.equal(await heading(p).textContent(), title, path);
    assert.ok((await p.locator('.card__meta time').allTextContents()).some((t) => /ago|yesterday|^[A-Z][a-z]{2} \d/.test(t)));
    await p.getByRole('region', { name: 'Top news' }).getByRole('listitem').first().waitFor();
  }
  assert.deepEqual(p.requests.filter(appCode), []);
  await p.goto(h.url + '/tag/energy');
  await heading(p).filter({ hasText: 'Tagged “energy”' }).waitFor();
  await p.goto(h.url + '/world/published-after-the-last-prerender');
  await heading(p).filter({ hasText: 'Page not found' }).waitFor();
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});

test('the first click takes over without a reload; Back and Forward work after it', async () => {
  const p = await page();
  await p.goto(h.url + ARTICLE);
  await live(p);
  await p.evaluate(() => { window.__sameDocument = true; });
  const related = p.getByRole('region', { name: 'Related articles' }).getByRole('link').first();
  const next = await related.textContent();
  await related.hover(); // the intent: the app is fetched and compiled, not run
  await related.click();
  await heading(p).filter({ hasText: next }).waitFor();
  assert.equal(await heading(p).count(), 1);
  assert.equal(await p.getByRole('banner').count(), 1, 'the app replaced the page');
  assert.ok(p.requests.some(appCode), 'the app was loaded');
  assert.ok(p.requests.some((u) => u.startsWith('/api/articles/')), 'the new page came from its JSON');
  // Focus is on the new page's heading, as after any in-app navigation.
  assert.equal(await p.evaluate(() => document.activeElement?.tagName), 'H1');
  await p.goBack();
  await heading(p).filter({ hasText: TITLE }).waitFor();
  await p.goForward();
  await heading(p).filter({ hasText: next }).waitFor();
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Science' }).click();
  await heading(p).filter({ hasText: 'Science' }).waitFor();
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no full reload happened');
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});

test('a search from the masthead of a prerendered page takes over', async () => {
  const p = await page();
  await p.goto(h.url + '/');
  await live(p);
  await p.evaluate(() => { window.__sameDocument = true; });
  await p.getByRole('banner').getByRole('searchbox', { name: 'Search the paper' }).fill('grid compact');
  await p.getByRole('banner').getByRole('button', { name: 'Search', exact: true }).click();
  await p.getByText(/^\d+ results? for “grid compact”$/).waitFor();
  assert.equal(new URL(p.url()).searchParams.get('q'), 'grid compact');
  assert.equal(await p.evaluate(() => window.__sameDocument), true);
  assert.deepEqual(p.errors, []);
});

test('a click before the app\'s code is there still reaches the page', async () => {
  const p = await page();
  // The app's WASM takes a while (a slow link): the click waits for it, with the progress bar.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await p.route(/meridian-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await p.goto(h.url + ARTICLE);
  await live(p);
  await p.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'World' }).click();
  await p.locator('.progress--active').waitFor();
  assert.equal(await heading(p).textContent(), TITLE, 'the page stays until the next is ready');
  release();
  await heading(p).filter({ hasText: 'World' }).waitFor();
  assert.equal(new URL(p.url()).pathname, '/world');

  // Before even the live parts' loader has run, a link is a plain link.
  const q = await page();
  await q.route(/live-loader-[0-9a-f]+\.js$/, (route) => route.abort());
  await q.goto(h.url + ARTICLE);
  await q.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'World' }).click();
  await heading(q).filter({ hasText: 'World' }).waitFor();

  // And if the app cannot start at all, the new address loads as a page of its own.
  const r = await page();
  await r.route(/meridian-[0-9a-f]+\.js$/, (route) => route.abort());
  await r.goto(h.url + ARTICLE);
  await live(r);
  await r.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'World' }).click();
  await r.waitForURL(h.url + '/world');
  await heading(r).filter({ hasText: 'World' }).waitFor();
});

test('a rail file that is missing or damaged leaves a readable page with that rail hidden', async () => {
  const p = await page();
  await p.route('**/api/rails/top.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await p.route('**/api/rails/related/*.json', (route) => route.fulfill({ body: '{"articles": [{"slug": ' }));
  await p.goto(h.url + ARTICLE);
  await live(p);
  await p.waitForLoadState('networkidle');
  await p.getByRole('region', { name: 'Top news' }).waitFor({ state: 'hidden' });
  await p.getByRole('region', { name: 'Related articles' }).waitFor({ state: 'hidden' });
  assert.equal(await heading(p).textContent(), TITLE);
  await p.getByText('The agreement still needs the approval of the European Parliament').waitFor();
  assert.deepEqual(p.errors, []);
});

test('every prerendered page runs its live parts without an error', async () => {
  const pages = JSON.parse(readFileSync(join(DIST, '.publish/state.json'), 'utf8')).pages;
  assert.ok(pages.length > 40);
  const p = await page();
  const livePages = [];
  for (const path of pages) {
    p.requests = [];
    await p.goto(`${h.url}/${path}`);
    await heading(p).first().waitFor();
    // A live page whose coverage runs is the app's at once (tests/e2e/live.test.mjs).
    if (await p.locator('[data-live-status="live"]').count()) {
      livePages.push(path);
      await p.waitForFunction(() => document.querySelector('[data-in-place]:not([hidden])'));
      continue;
    }
    await live(p);
    assert.deepEqual(await p.evaluate(() => window.__csp), [], path);
    assert.deepEqual(p.requests.filter(appCode), [], path);
  }
  assert.deepEqual(livePages, ['world/north-sea-storm-live']);
  assert.deepEqual(p.errors, []);
});

test('a publish after content changes drops stale pages and leaves out what does not decode', () => {
  const parent = mkdtempSync(join(tmpdir(), 'meridian-publish-'));
  const dir = join(parent, 'dist');
  try {
    cpSync(realpathSync(DIST), dir, { recursive: true });
    // One article deleted, one damaged, one filed under a category that is not a path segment.
    const index = JSON.parse(readFileSync(join(dir, 'api/articles.json'), 'utf8'));
    const [gone, damaged, hostile] = index.articles.slice(0, 3);
    const file = (a) => join(dir, `api/articles/${a.slug}.json`);
    rmSync(file(gone));
    writeFileSync(file(damaged), '{"slug": ');
    const moved = JSON.parse(readFileSync(file(hostile), 'utf8'));
    writeFileSync(file(hostile), JSON.stringify({ ...moved, category: '../../escaped' }));
    const run = spawnSync('cargo', ['run', '--quiet', '--no-default-features', '--features', 'ssr', '--bin', 'publish', '--', dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // Published, with what it could not publish named: the exit code says so.
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stdout, /1 article files left out and 1 articles without a page/);
    assert.match(run.stderr, new RegExp(`left out .*${damaged.slug}\\.json`));
    assert.match(run.stderr, new RegExp(`no page for ${hostile.slug}: category`));
    assert.ok(!existsSync(join(dir, gone.category, gone.slug)), 'the deleted article has no page left');
    assert.ok(!existsSync(join(dir, damaged.category, damaged.slug)), 'nor the damaged one');
    assert.ok(!existsSync(join(parent, 'escaped')) && !existsSync(join(dir, '..', '..', 'escaped')));
    const listed = JSON.parse(readFileSync(join(dir, '.publish/state.json'), 'utf8')).pages;
    assert.ok(!listed.some((p) => p.includes(gone.slug) || p.includes(damaged.slug) || p.includes('..')));
    assert.ok(listed.length >= 40);
    assert.equal(readFileSync(join(dir, '404.html'), 'utf8'), readFileSync(join(DIST, '404.html'), 'utf8'));
    assert.ok(!existsSync(join(dir, `api/rails/related/${gone.slug}.json`)), 'its rail file went too');
    const listing = readFileSync(join(dir, 'api/articles.json'), 'utf8');
    assert.ok(!listing.includes(`"${gone.slug}"`) && !listing.includes(`"${damaged.slug}"`));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a page whose code chunk does not load after the takeover says why; Retry recovers', async () => {
  // A section's code is a chunk of its own (src/chunks.rs). Here it cannot be loaded (a
  // dropped connection, or a deploy removed it).
  const chunk = /\/split_category_page-[0-9a-f]+\.wasm$/;
  const p = await page();
  await p.route(chunk, (route) => route.abort());
  await p.goto(h.url + ARTICLE);
  await live(p);
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Science' }).click();
  const alert = p.getByRole('main').getByRole('alert');
  await alert.getByRole('heading', { name: 'The news server cannot be reached' }).waitFor();
  assert.equal(await p.getByRole('banner').count(), 1, 'rendered once, in place of the page');
  await p.unroute(chunk);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await heading(p).filter({ hasText: 'Science' }).waitFor();
  assert.ok((await p.locator('.card__meta time').count()) > 0);
  assert.deepEqual(p.errors, []);
});
