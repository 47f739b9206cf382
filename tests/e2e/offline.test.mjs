// The service worker (public/sw.js, filled in by scripts/build/post-build.mjs): what a reader has
// read opens offline, an unread article says "offline" in the app's own words, the runtime
// caches stay small, and a new deploy replaces the worker and its caches.
// Each test serves its own copy of dist/ under the strict CSP, so a test can "deploy" into
// it, and every test runs in a fresh browser context (its own worker and caches).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './harness.mjs';
import { serve } from './server.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const ARTICLE = '/world/eu-leaders-agree-grid-compact';
const UNREAD = '/technology/utrecht-hospital-data-exposed-for-months';

let h;
const sites = [];
before(async () => { h = await start(); });
after(async () => {
  await h?.close();
  for (const s of sites) { await s.close(); rmSync(s.dir, { recursive: true, force: true }); }
});

/** A copy of dist/ served as a publisher's host would, with the strict CSP header. */
async function site() {
  const s = { dir: mkdtempSync(join(tmpdir(), 'meridian-offline-')), close: async () => {} };
  sites.push(s);
  cpSync(realpathSync(DIST), s.dir, { recursive: true });
  const server = await serve(s.dir, { csp: true });
  s.url = server.url;
  s.close = server.close;
  return s;
}

/** A page in a fresh context with service workers on, recording CSP violations. */
async function page() {
  const p = await h.page({ serviceWorkers: 'allow' });
  await p.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return p;
}

/** Waits until the worker controls the page (it claims open pages on activation; a reload
 *  is the fallback). */
async function controlled(p) {
  const isControlled = () => p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await isControlled().catch(async () => { await p.reload(); await isControlled(); });
}

/** A fresh copy of the site with the sample article open and under its worker. */
async function articleUnderWorker() {
  const s = await site();
  const p = await page();
  await p.goto(s.url + ARTICLE);
  await heading(p).filter({ hasText: 'EU leaders' }).waitFor();
  await controlled(p);
  return { s, p };
}

/** Polls an async `fn` in the page until it is truthy (waitForFunction does not await). */
async function until(p, fn, arg, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await p.evaluate(fn, arg).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const heading = (p) => p.getByRole('heading', { level: 1 });
const cacheNames = (p) => p.evaluate(() => caches.keys());
/** URLs (paths) in the worker's cache whose name ends with `:${kind}`. */
const cached = (p, kind) => p.evaluate(async (kind) => {
  const name = (await caches.keys()).find((n) => n.endsWith(`:${kind}`));
  if (!name) return [];
  const keys = await (await caches.open(name)).keys();
  return keys.map((r) => { const u = new URL(r.url); return u.pathname + u.search; });
}, kind);
const version = (swText) => /const VERSION = '([0-9a-z-]+)';/.exec(swText)?.[1];

test('dist/sw.js is filled in at build time: a VERSION and the precache list', () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  assert.match(version(sw) ?? '', /^[0-9a-f]{16}$/);
  const precache = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(sw)[1]);
  assert.equal(precache[0], '404.html', 'the shell is the untouched 404.html');
  for (const pattern of [/^meridian-[0-9a-f]+\.js$/, /^meridian-[0-9a-f]+_bg\.wasm$/, /^loader-[0-9a-f]+\.js$/,
    /^style-[0-9a-f]+\.css$/, /^favicon-[0-9a-f]+\.svg$/, /^manifest\.webmanifest$/, /^site\.json$/,
    /^live-[0-9a-f]+\.js$/, /^live-[0-9a-f]+_bg\.wasm$/, /^live-loader-[0-9a-f]+\.js$/]) {
    assert.ok(precache.some((n) => pattern.test(n)), `${pattern} is precached`);
  }
  assert.ok(!precache.includes('sw.js') && !precache.includes('index.html'));
  // The loader registers the worker, and its integrity covers the registration.
  const html = readFileSync(join(DIST, '404.html'), 'utf8');
  const [, loader] = /<script type="module" src="\/(loader-[0-9a-f]+\.js)"/.exec(html);
  assert.match(readFileSync(join(DIST, loader), 'utf8'), /navigator\.serviceWorker\.register\("\/sw\.js", \{ scope: "\/" \}\)/);
  for (const link of ['<link rel="manifest" href="/manifest.webmanifest"', '<link rel="apple-touch-icon" href="/icons/icon-192.png"',
    'type="application/atom+xml" title="The Daily Meridian" href="/feed.xml"']) {
    assert.ok(html.includes(link), link);
  }
});

test('what a reader has read opens offline; an unread article says offline in the app', async () => {
  const { s, p } = await articleUnderWorker();
  assert.match(await p.evaluate(() => navigator.serviceWorker.controller.scriptURL), /\/sw\.js$/);
  // Read once under the worker: the article, the index (Top news, Related) and the pictures
  // go into its runtime caches.
  await p.reload();
  await heading(p).filter({ hasText: 'EU leaders' }).waitFor();
  await p.getByRole('region', { name: 'Related articles' }).waitFor();
  const leadLoaded = async () => p.waitForFunction((img) => img.complete && img.naturalWidth > 0,
    await p.getByRole('main').getByRole('article').locator('figure img').first().elementHandle());
  await leadLoaded();
  // A missing article (404) is never cached.
  await p.goto(s.url + '/world/no-such-story');
  await heading(p).filter({ hasText: 'Page not found' }).waitFor();
  await until(p, async () => {
    const name = (await caches.keys()).find((n) => n.endsWith(':content'));
    const keys = name ? await (await caches.open(name)).keys() : [];
    return keys.some((r) => r.url.endsWith('/api/articles/eu-leaders-agree-grid-compact.json'))
      && keys.some((r) => r.url.endsWith('/api/articles.json'));
  });
  const content = await cached(p, 'content');
  assert.ok(content.includes('/site.json'), content.join(' '));
  assert.ok(!content.some((u) => u.includes('no-such-story')), 'a 404 is not cached');
  assert.ok((await cached(p, 'images')).some((u) => u.startsWith('/api/images/')));

  await p.context().setOffline(true);
  // The article: shell, assets, site.json, the article and its picture, all from the caches.
  await p.goto(s.url + ARTICLE);
  await heading(p).filter({ hasText: 'EU leaders' }).waitFor();
  await p.getByRole('region', { name: 'Top news' }).waitFor();
  await leadLoaded();
  // A reload too.
  await p.reload();
  await heading(p).filter({ hasText: 'EU leaders' }).waitFor();
  // The front page: the shell and the cached index.
  await p.goto(s.url + '/');
  await p.getByRole('banner').getByRole('link', { name: 'The Daily Meridian' }).waitFor();
  await p.getByRole('heading', { name: 'Latest' }).waitFor();
  // An article never read: the app's own error view, not the browser's offline page.
  await p.goto(s.url + UNREAD);
  const alert = p.getByRole('alert');
  await alert.getByRole('heading', { name: 'You seem to be offline' }).waitFor();
  assert.match(await alert.textContent(), /utrecht-hospital-data-exposed-for-months\.json/);
  await p.getByRole('navigation', { name: 'Sections' }).waitFor();
  // Back online, the same article loads.
  await p.context().setOffline(false);
  await p.reload();
  await heading(p).filter({ hasText: 'Utrecht' }).waitFor();
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});

test("a replaced worker's leftover caches are adopted by the current worker", async () => {
  // A worker replaced by a deploy while storing can re-create its version's cache after the
  // new worker's activation deleted it; it then asks the new one to adopt it. Stage that
  // leftover and the request, as the replaced worker makes them.
  const { p } = await articleUnderWorker();
  await p.evaluate(async () => {
    const content = await caches.open('meridian:/:replaced:content');
    await content.put(new URL('/api/articles/leftover.json', location.origin).href, new Response('{}'));
    await (await caches.open('meridian:/:replaced:shell')).put(new URL('/leftover.js', location.origin).href, new Response(''));
    // Another paper on the same origin (another app root) is never touched.
    await caches.open('meridian:/other/:replaced:content');
    (await navigator.serviceWorker.ready).active.postMessage('adopt');
  });
  await until(p, async () => !(await caches.keys()).some((n) => n.startsWith('meridian:/:replaced:')));
  assert.ok((await cached(p, 'content')).includes('/api/articles/leftover.json'), 'what was read moved over');
  const names = await cacheNames(p);
  assert.ok(names.includes('meridian:/other/:replaced:content'), names.join(' '));
  assert.ok(!(await cached(p, 'shell')).includes('/leftover.js'), 'the old shell is not adopted');
  assert.deepEqual(p.errors, []);
});

test('the runtime caches keep the 60 most recent entries', async () => {
  const s = await site();
  const p = await page();
  await p.goto(s.url + '/');
  await p.getByRole('region', { name: 'Top news' }).waitFor();
  await controlled(p);
  // 70 distinct content URLs, one after the other (the server ignores the query).
  await p.evaluate(async () => {
    for (let n = 0; n < 70; n++) await (await fetch(`api/weather.json?n=${n}`)).text();
  });
  await until(p, async () => {
    const name = (await caches.keys()).find((n) => n.endsWith(':content'));
    const keys = await (await caches.open(name)).keys();
    return keys.length === 60 && keys.some((r) => r.url.endsWith('?n=69'));
  });
  const content = await cached(p, 'content');
  assert.ok(!content.includes('/api/weather.json?n=0'), 'the oldest entry is gone');
  assert.ok(content.includes('/api/weather.json?n=10') || content.includes('/api/weather.json?n=11'));
  assert.deepEqual(p.errors, []);
});

test('a new deploy is picked up on the next visit and the old caches are deleted', async () => {
  const { s, p } = await articleUnderWorker();
  await p.reload();
  await heading(p).filter({ hasText: 'EU leaders' }).waitFor();
  const swFile = join(s.dir, 'sw.js');
  const first = readFileSync(swFile, 'utf8');
  const v1 = version(first);
  await until(p, async (v1) => (await caches.keys()).includes(`meridian:/:${v1}:content`), v1);
  const names1 = await cacheNames(p);
  assert.ok(names1.includes(`meridian:/:${v1}:shell`), names1.join(' '));
  assert.ok(names1.every((n) => n.includes(`:${v1}:`)), names1.join(' '));

  // Deploy: new sw.js bytes (a new VERSION), as a new build writes them.
  const v2 = `${v1}-next`;
  writeFileSync(swFile, first.replace(`const VERSION = '${v1}';`, `const VERSION = '${v2}';`));
  await p.goto(s.url + '/world');
  await heading(p).filter({ hasText: 'World' }).waitFor();
  // The navigation's update check installs the new worker; it takes over at once.
  await until(p, async (v2) => {
    const c = navigator.serviceWorker.controller;
    return c && (await (await fetch(c.scriptURL, { cache: 'no-store' })).text()).includes(`const VERSION = '${v2}';`)
      && (await caches.keys()).includes(`meridian:/:${v2}:shell`);
  }, v2, 30_000);
  await until(p, async (v1) => !(await caches.keys()).some((n) => n.includes(`:${v1}:`)), v1);
  const names2 = await cacheNames(p);
  assert.ok(names2.every((n) => n.includes(`:${v2}:`)), names2.join(' '));
  const state = await p.evaluate(async () => (await navigator.serviceWorker.getRegistration()).active.state);
  assert.equal(state, 'activated');
  // What the reader read survived the deploy: the article still opens offline.
  assert.ok((await cached(p, 'content')).includes('/api/articles/eu-leaders-agree-grid-compact.json'));
  await p.context().setOffline(true);
  await p.goto(s.url + ARTICLE);
  await heading(p).filter({ hasText: 'EU leaders' }).waitFor();
  await p.context().setOffline(false);
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(p.errors, []);
});
