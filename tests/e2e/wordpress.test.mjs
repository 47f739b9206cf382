// The reader's journey against a real WordPress (Debian's packages, started by
// tests/wordpress/wordpress and seeded with the sample paper): the same dist/, with one site.json
// change, must give the same paper as the static JSON. Where the packages cannot be
// installed the tests are skipped with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { start } from './harness.mjs';
import { serve } from './server.mjs';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(REPO, 'tests/wordpress/wordpress');

// Install (only if missing) before any test is declared, so a machine without the packages
// says so once, as a skipped test, instead of failing.
let skip = false;
try {
  await run(SCRIPT, ['install'], { maxBuffer: 1 << 24 });
} catch (e) {
  if (e.code !== 3) throw e;
  skip = `WordPress tests skipped: ${String(e.stderr).trim().split('\n').pop()}`;
  console.log(`# ${skip}`);
}

const sample = JSON.parse(readFileSync(join(REPO, 'public/api/articles.json'), 'utf8')).articles;
let h, wp, wpSite, wpRoot;
const temp = [];

/** A copy of dist/ whose site.json reads WordPress at `base`. */
async function wordpressDist(base) {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-wp-'));
  temp.push(dir);
  cpSync(realpathSync(join(REPO, 'dist')), dir, { recursive: true });
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  site.content = { kind: 'wordpress', base, popularity: 'meta.popularity' };
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site, null, 2));
  const server = await serve(dir);
  temp.push(server);
  return server;
}

before(async () => {
  if (skip) return;
  const { stdout } = await run(SCRIPT, ['start'], { maxBuffer: 1 << 24 });
  wpRoot = stdout.trim().split('\n').pop();
  assert.match(wpRoot, /^http:\/\/127\.0\.0\.1:\d+\/wp-json$/);
  wpSite = await wordpressDist(wpRoot);
  // The static paper, for side-by-side comparisons.
  h = await start();
  wp = { url: wpSite.url, page: () => h.page() };
});

after(async () => {
  await h?.close();
  for (const t of temp) {
    if (typeof t === 'string') rmSync(t, { recursive: true, force: true });
    else await t.close();
  }
  if (!skip) await run(SCRIPT, ['stop']).catch(() => {});
});

const heading = (page) => page.getByRole('heading', { level: 1 });

test('the front page from WordPress: navigation, lead story, sections and top news', { skip }, async () => {
  const page = await wp.page();
  await page.goto(wp.url + '/');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const name of ['Home', 'World', 'Business', 'Technology', 'Science', 'Culture', 'Sport']) {
    await nav.getByRole('link', { name, exact: true }).waitFor();
  }
  // The newest post leads, as the newest sample article leads the static paper.
  const newest = sample.toSorted((a, b) => Date.parse(b.published) - Date.parse(a.published))[0];
  await page.getByRole('main').getByRole('link', { name: newest.title }).first().waitFor();
  // Top news from the posts' `popularity` meta, ranked as the static paper ranks it.
  const top = page.getByRole('region', { name: 'Top news' });
  await top.getByRole('listitem').first().waitFor();
  const firstPage = sample.toSorted((a, b) => Date.parse(b.published) - Date.parse(a.published)).slice(0, 20);
  const ranked = firstPage.toSorted((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0) || Date.parse(b.published) - Date.parse(a.published));
  assert.deepEqual(await top.getByRole('link').allTextContents(), ranked.slice(0, 5).map((a) => a.title));
  assert.equal(await page.getByText('- Advertisement -', { exact: true }).count(), 2);
  assert.deepEqual(page.errors, []);
});

test('section → article → related article → Back, with WordPress pictures and blocks', { skip }, async () => {
  const page = await wp.page();
  await page.goto(wp.url + '/');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World', exact: true }).click();
  await page.waitForURL(wp.url + '/world');
  await heading(page).filter({ hasText: 'World' }).waitFor();
  // Every World story of the sample (fewer than a page), newest first.
  const world = sample.filter((a) => a.category === 'world')
    .toSorted((a, b) => Date.parse(b.published) - Date.parse(a.published)).map((a) => a.title);
  await page.locator('main .listing .card__link').first().waitFor();
  assert.deepEqual(await page.locator('main .listing .card__link').allTextContents(), world);

  await page.goto(wp.url + '/world/eu-leaders-agree-grid-compact');
  await heading(page).filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  await page.evaluate(() => { window.__sameDocument = true; });
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  assert.deepEqual(await crumbs.getByRole('listitem').allTextContents(),
    ['Home', 'World', 'EU leaders strike overnight deal on a shared electricity grid compact']);
  await page.getByText('Hélène Dufresne').first().waitFor();
  await page.getByText(/\d+ min read/).waitFor();
  const article = page.getByRole('main').getByRole('article');
  await article.locator('blockquote').filter({ hasText: 'Nobody got everything they wanted' }).waitFor();
  await article.getByRole('heading', { name: 'A fund with strings attached' }).waitFor();
  await article.locator('table').getByText('North Sea exporters').waitFor();
  // The lead picture and the body figure come from wp-content/uploads, boxes reserved.
  const pictures = article.locator('figure img');
  assert.ok(await pictures.count() >= 2);
  for (const img of await pictures.all()) {
    assert.match(await img.getAttribute('src'), /\/wp-content\/uploads\//);
    assert.ok(Number(await img.getAttribute('width')) > 0 && Number(await img.getAttribute('height')) > 0);
  }
  await pictures.first().evaluate((img) => img.decode());
  assert.ok(await pictures.first().evaluate((img) => img.naturalWidth > 0), 'the picture loads');
  assert.ok(await page.locator('#ad-inline-1').count() >= 1);
  // A link inside a WordPress paragraph survives, made safe.
  const source = article.getByRole('link', { name: 'Council summit conclusions, annex II' });
  assert.equal(await source.getAttribute('href'), 'https://example.org/council/grid-compact-annex');

  const related = page.getByRole('region', { name: 'Related articles' });
  await related.getByRole('link').first().waitFor();
  const relatedTitles = await related.getByRole('link').allTextContents();
  assert.ok(!relatedTitles.includes('EU leaders strike overnight deal on a shared electricity grid compact'));
  await related.getByRole('link').first().click();
  await heading(page).filter({ hasText: relatedTitles[0] }).waitFor();
  await page.goBack();
  await heading(page).filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full reload happened');
  assert.deepEqual(page.errors, []);
});

test('a tag page and the 404s read WordPress as they read the static paper', { skip }, async () => {
  const page = await wp.page();
  await page.goto(wp.url + '/tag/energy');
  await heading(page).filter({ hasText: 'Tagged “energy”' }).waitFor();
  const tagged = sample.filter((a) => a.tags?.includes('energy'))
    .toSorted((a, b) => Date.parse(b.published) - Date.parse(a.published)).map((a) => a.title);
  await page.locator('main .listing .card__link').first().waitFor();
  assert.deepEqual(await page.locator('main .listing .card__link').allTextContents(), tagged);
  for (const path of ['/world/no-such-story', '/no/such/page/here', '/tag/no-such-tag']) {
    await page.goto(wp.url + path);
    await heading(page).filter({ hasText: 'Page not found' }).waitFor();
  }
  assert.deepEqual(page.errors, []);
});

test('search with filters is delegated to WordPress and finds what the static paper finds', { skip }, async () => {
  const queries = [
    'q=grid',
    'q=energy&in=title,standfirst&category=business&sort=oldest',
    'q=quebec',
    'q=cross-border%20power%20lines&exact=1',
    'q=energy&from=2026-11-10&to=2026-11-20&sort=newest',
    'q=shopkeepers&in=body',
  ];
  const wpPage = await wp.page();
  const asked = [];
  wpPage.on('request', (r) => asked.push(r.url()));
  const staticPage = await h.page();
  const results = async (page, base, query) => {
    await page.goto(`${base}/search?${query}`);
    const status = page.getByRole('main').getByRole('status').filter({ hasText: /results? for|No results/ });
    await status.waitFor();
    return { count: await status.textContent(), titles: await page.locator('.result__title').allTextContents() };
  };
  for (const query of queries) {
    const fromWp = await results(wpPage, wp.url, query);
    const fromStatic = await results(staticPage, h.url, query);
    assert.deepEqual(fromWp, fromStatic, query);
    assert.ok(fromWp.titles.length > 0, `${query} finds something`);
  }
  // The server did the searching: the app asked it, and never read the whole index.
  assert.ok(asked.some((u) => /\/wp\/v2\/posts\?.*search=grid/.test(u)), asked.join('\n'));
  assert.ok(asked.some((u) => /search=energy.*categories=\d+/.test(u)), asked.join('\n'));
  // Filters restore from the URL on Back.
  await wpPage.goto(`${wp.url}/search?q=grid`);
  await wpPage.locator('.result__title').first().waitFor();
  const unfiltered = await wpPage.locator('.result__title').allTextContents();
  await wpPage.getByText('Generic filters').click();
  await wpPage.getByRole('group', { name: 'Categories' }).getByRole('checkbox', { name: 'Technology' }).check();
  await wpPage.waitForURL(/category=technology/);
  // The server answers the new query while the previous results stay up (with the progress
  // bar): wait for the new ones.
  await wpPage.waitForFunction(() => {
    const sections = [...document.querySelectorAll('.result .card__section')].map((s) => s.textContent);
    return sections.length > 0 && sections.every((s) => s === 'Technology');
  });
  await wpPage.goBack();
  await wpPage.waitForURL(/\/search\?q=grid$/);
  await wpPage.waitForFunction((n) => document.querySelectorAll('.result__title').length === n, unfiltered.length);
  assert.deepEqual(await wpPage.locator('.result__title').allTextContents(), unfiltered);
  assert.deepEqual(wpPage.errors, []);
});

test('a site without pretty permalinks works through ?rest_route=', { skip }, async () => {
  const plain = await wordpressDist(wpRoot.replace(/\/wp-json$/, '/?rest_route='));
  const page = await wp.page();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(plain.url + '/science');
  await heading(page).filter({ hasText: 'Science' }).waitFor();
  await page.getByRole('main').getByRole('article').first().getByRole('link').first().click();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).waitFor();
  assert.ok(requests.some((u) => u.includes('?rest_route=/wp/v2/posts&')), requests.join('\n'));
  assert.ok(!requests.some((u) => u.includes('/wp-json/')));
  assert.deepEqual(page.errors, []);
});
