// The paper deployed under a sub-path (`public_url` /news/), end to end: a release build with
// `--public-url /news/`, its prerendered pages and precompressed files, served under /news/
// by a host that has nothing at the origin's root. A reader's journey must never leave /news/.
//
// The build takes a few minutes, so it is cached in target/subpath-dist/<tree hash of the
// working tree> and reused while the sources are unchanged; SUBPATH_DIST=/some/dir uses a
// build made elsewhere (trunk build --release --offline --public-url /news/ --dist DIR, then
// the publish step on DIR).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE = '/news/';
const ARTICLE = 'world/eu-leaders-agree-grid-compact';

/** A hash of the working tree as it is (tracked and untracked, .gitignore respected). */
function treeHash() {
  const index = join(tmpdir(), `meridian-subpath-index-${process.pid}`);
  try {
    if (existsSync(join(ROOT, '.git/index'))) copyFileSync(join(ROOT, '.git/index'), index);
    const env = { ...process.env, GIT_INDEX_FILE: index };
    execFileSync('git', ['add', '-A', '.'], { cwd: ROOT, env, stdio: 'ignore' });
    return execFileSync('git', ['write-tree'], { cwd: ROOT, env, encoding: 'utf8' }).trim();
  } finally {
    rmSync(index, { force: true });
  }
}

function build() {
  if (process.env.SUBPATH_DIST) return process.env.SUBPATH_DIST;
  const cache = join(ROOT, 'target/subpath-dist');
  const dir = join(cache, treeHash().slice(0, 16));
  if (existsSync(join(dir, '.complete'))) return dir;
  for (const old of existsSync(cache) ? readdirSync(cache) : []) {
    if (join(cache, old) !== dir) rmSync(join(cache, old), { recursive: true, force: true }); // one cached build at a time
  }
  mkdirSync(dir, { recursive: true });
  const run = (cmd, args) => {
    console.log(`# ${cmd} ${args.join(' ')}`);
    try {
      execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
    } catch (e) {
      throw new Error(`the /news/ build failed at \`${cmd} ${args.join(' ')}\`:\n${e.stderr ?? e.message}`);
    }
  };
  if (!existsSync(join(dir, '.trunk-done'))) {
    run('trunk', ['build', '--release', '--offline', '--public-url', BASE, '--dist', dir]);
    writeFileSync(join(dir, '.trunk-done'), '');
  }
  run('cargo', ['run', '--quiet', '--no-default-features', '--features', 'ssr', '--bin', 'publish', '--', dir]);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

let dist, server, browser, requests;
before(async () => {
  dist = build();
  server = await serve(dist, { base: BASE, prerendered: true, compress: true, csp: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
});
after(async () => { await browser?.close(); await server?.close(); });

/** A fresh page; every request it makes is recorded, with its status. */
async function page() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(String(e)));
  p.on('console', (m) => { if (m.type() === 'error' && /panicked|unreachable/.test(m.text())) p.errors.push(m.text()); });
  requests = [];
  // `response()` rejects once the context has closed: a request still finishing then is no failure.
  context.on('requestfinished', (r) => r.response().then(
    (res) => requests.push({ url: r.url(), status: res?.status() }),
    () => {},
  ));
  context.on('requestfailed', (r) => requests.push({ url: r.url(), status: 'failed' }));
  return p;
}

const heading = (p) => p.getByRole('heading', { level: 1 });
const url = (path) => server.url + BASE + path;
/** A prerendered page's live parts have run (src/live.rs): the masthead says today. */
const live = (p) => p.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor();

/** No request left /news/ (the host has nothing else), and none failed but the `expected404`.
 * A 304 is a success: a second visit in one context revalidates what it cached. */
function assertStayedUnder(p, expected404 = []) {
  const escaped = requests.filter((r) => new URL(r.url).origin === server.url && !new URL(r.url).pathname.startsWith(BASE));
  assert.deepEqual(escaped, [], 'requests outside /news/');
  const failed = requests.filter((r) => r.status !== 200 && r.status !== 304 && !(r.status === 404 && expected404.includes(new URL(r.url).pathname)));
  assert.deepEqual(failed, [], 'failed requests');
  assert.deepEqual(p.errors, []);
}

/** Every root-relative href/src of the page's DOM is under /news/. */
async function assertLinksUnder(p) {
  const outside = await p.evaluate((base) => [...document.querySelectorAll('[href], [src]')]
    .map((e) => e.getAttribute('href') ?? e.getAttribute('src'))
    .filter((v) => v.startsWith('/') && !v.startsWith(base)), BASE);
  assert.deepEqual(outside, []);
}

test('every page the publish step wrote links and loads only under /news/', () => {
  const pages = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.html')) pages.push(join(d, e.name));
    }
  };
  walk(dist);
  assert.ok(pages.length > 40, `prerendered pages: ${pages.length}`);
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const refs = [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]);
    const outside = refs.filter((v) => v.startsWith('/') && !v.startsWith(BASE));
    assert.deepEqual(outside, [], file);
    assert.match(html, /<meta name="app-root" content="\/news\/"/, file);
  }
  for (const kind of ['loader', 'live-loader']) {
    const loader = readdirSync(dist).find((n) => new RegExp(`^${kind}-[0-9a-f]+\\.js$`).test(n));
    assert.match(readFileSync(join(dist, loader), 'utf8'), /register\("\/news\/sw\.js",\s*\{\s*scope:\s*"\/news\/"\s*\}\)/);
  }
});

test('front page → section → article → related, client-side and under /news/', async () => {
  const p = await page();
  const response = await p.goto(url(''));
  // Prerendered: the front page's stories are in the HTML before any script runs.
  assert.match(await response.text(), /EU leaders strike overnight deal/);
  await p.getByRole('banner').getByRole('link', { name: 'The Daily Meridian' }).waitFor();
  await p.getByRole('heading', { name: 'Latest' }).waitFor();
  await live(p);
  await assertLinksUnder(p);
  await p.evaluate(() => { window.__sameDocument = true; });

  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World', exact: true }).click();
  await p.waitForURL(url('world'));
  await heading(p).filter({ hasText: 'World' }).waitFor();
  await assertLinksUnder(p);

  await p.getByRole('main').getByRole('link', { name: 'EU leaders strike overnight deal on a shared electricity grid compact' }).first().click();
  await p.waitForURL(url(ARTICLE));
  await heading(p).filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  assert.ok(await p.evaluate(() => document.querySelector('.figure img').naturalWidth > 0), 'the lead picture loaded');

  const related = p.getByRole('region', { name: 'Related articles' }).getByRole('link').first();
  const title = await related.textContent();
  await related.click();
  await heading(p).filter({ hasText: title }).waitFor();
  assert.ok(new URL(p.url()).pathname.startsWith(`${BASE}world/`), p.url());
  await assertLinksUnder(p);
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no full page load');

  await p.goBack();
  await p.waitForURL(url(ARTICLE));
  await heading(p).filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  assertStayedUnder(p);
});

test('a deep link to an article is its prerendered page, taken over on a click, with head tags under /news/', async () => {
  const p = await page();
  const response = await p.goto(url(ARTICLE));
  // Without leptos' hydration markers (`<!>`, `<!--…-->`) between the text nodes.
  const html = (await response.text()).replace(/<!-->|<!>|<!--[\s\S]*?-->/g, '');
  assert.match(html, /<h1[^>]*>EU leaders strike overnight deal on a shared electricity grid compact<\/h1>/);
  assert.equal(response.headers()['content-encoding'], 'br');
  await live(p);
  await heading(p).filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  const canonical = await p.locator('link[rel="canonical"]').getAttribute('href');
  assert.ok(new URL(canonical, p.url()).pathname === `${BASE}${ARTICLE}`, canonical);
  // The first click is handled by the app (client-side), not by the browser.
  await p.evaluate(() => { window.__sameDocument = true; });
  await p.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'World' }).click();
  await p.waitForURL(url('world'));
  await heading(p).filter({ hasText: 'World' }).waitFor();
  assert.equal(await p.evaluate(() => window.__sameDocument), true);
  await assertLinksUnder(p);
  assertStayedUnder(p);
});

test('a search under /news/ finds the article, and its links and filters stay under /news/', async () => {
  const p = await page();
  await p.goto(url('search?q=grid+compact'));
  const hit = p.getByRole('main').getByRole('link', { name: /EU leaders strike overnight deal/ }).first();
  await hit.waitFor();
  assert.equal(new URL(await hit.getAttribute('href'), p.url()).pathname, `${BASE}${ARTICLE}`);
  await assertLinksUnder(p);
  await p.evaluate(() => { window.__sameDocument = true; });
  await hit.click();
  await p.waitForURL(url(ARTICLE));
  await heading(p).filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  assert.equal(await p.evaluate(() => window.__sameDocument), true);
  assertStayedUnder(p);
});

test('the masthead search box submits to /news/search?q=', async () => {
  const p = await page();
  await p.goto(url(''));
  await live(p); // the app takes the submit over
  await p.getByRole('banner').getByRole('searchbox', { name: 'Search the paper' }).fill('grid compact');
  await p.getByRole('banner').getByRole('button', { name: 'Search', exact: true }).click();
  await p.waitForURL((u) => u.pathname !== BASE);
  const at = new URL(p.url());
  assert.equal(at.pathname, `${BASE}search`); // leptos_router's <Form> under a base once went to /news/news/search
  assert.equal(at.searchParams.get('q'), 'grid compact');
  await p.getByText(/^\d+ results? for “grid compact”$/).waitFor();
  await p.getByRole('main').getByRole('link', { name: /EU leaders strike overnight deal/ }).first().waitFor();
  assertStayedUnder(p);
});

test('an unknown page under /news/ is the 404 page, with links home and to the sections under /news/', async () => {
  const p = await page();
  await p.goto(url('no/such/page/here'));
  await heading(p).filter({ hasText: 'Page not found' }).waitFor();
  assert.equal(await p.getByRole('link', { name: 'Go to the front page' }).getAttribute('href'), BASE);
  await assertLinksUnder(p);
  // An unknown article in a known section: its content file is a real 404.
  await p.goto(url('world/no-such-story'));
  await heading(p).filter({ hasText: 'Page not found' }).waitFor();
  await assertLinksUnder(p);
  await p.evaluate(() => { window.__sameDocument = true; });
  await p.getByRole('link', { name: 'Go to the front page' }).click();
  await p.waitForURL(url(''));
  await p.getByRole('heading', { name: 'Latest' }).waitFor();
  assert.equal(await p.evaluate(() => window.__sameDocument), true);
  assertStayedUnder(p, [`${BASE}api/articles/no-such-story.json`]);
});
