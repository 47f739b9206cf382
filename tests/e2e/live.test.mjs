// Live coverage (docs/content-api.md §7): the sample live blog (public/api/articles/
// north-sea-storm-live.json) in a copy of dist/ whose article file the test changes between
// polls, served with ETags as static hosts send them. Polls every second here
// (`live_poll_seconds`), every 15 by default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './harness.mjs';

const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));
const PATH = '/world/north-sea-storm-live';
const FILE = 'api/articles/north-sea-storm-live.json';

let dir, original, servers, browser;

before(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'meridian-live-')), 'dist');
  cpSync(realpathSync(DIST), dir, { recursive: true });
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ ...site, live_poll_seconds: 1 }));
  rmSync(join(dir, 'site.json.br'), { force: true });
  rmSync(join(dir, 'site.json.gz'), { force: true });
  original = readFileSync(join(dir, FILE), 'utf8');
  servers = { shell: await serve(dir), static: await serve(dir, { prerendered: true, csp: true }) };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(servers ?? {})) await s.close();
  if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** The article file as the test wants it: the sample's, changed by `change(live)`. */
function write(change = () => {}) {
  const article = JSON.parse(original);
  change(article.live);
  writeFileSync(join(dir, FILE), JSON.stringify(article));
}

const update = (id, title, text) => ({
  id, published: new Date().toISOString(), title, body: [{ type: 'paragraph', text }],
});

async function open(server, options = {}) {
  write();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.url + (options.path ?? PATH));
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (!options.path || options.path.startsWith(PATH)) await page.getByRole('region', { name: 'Live updates' }).waitFor();
  return page;
}

/** Requests of the article file so far: their status and whether they were conditional. */
const polls = (server) => server.requests.filter((r) => r.path.endsWith('north-sea-storm-live.json'));

/** The ids of the stream's updates, in order. */
const stream = (page) => page.locator('.live__stream .update').evaluateAll((els) => els.map((e) => e.id));

test('a live page shows its updates, key events, the pinned one, and loads older ones', async () => {
  const page = await open(servers.shell);
  const region = page.getByRole('region', { name: 'Live updates' });
  await page.locator('.article__header').getByText('Live', { exact: true }).waitFor();
  const events = region.getByRole('navigation', { name: 'Key events' });
  assert.equal(await events.getByRole('link').count(), 3);
  await events.getByRole('link', { name: 'Coastal trains to stop at 18:00' }).click();
  await page.waitForFunction(() => location.hash === '#update-u-1325');
  assert.ok(await page.locator('#update-u-1325').isVisible());
  // Pinned above the stream, and not in it twice.
  assert.equal(await region.locator('.live__pinned .update').count(), 1);
  await region.locator('.live__pinned').getByRole('heading', { name: 'What we know so far' }).waitFor();
  assert.deepEqual(await stream(page), ['update-u-1550', 'update-u-1515', 'update-u-1440', 'update-u-1325', 'update-u-1245', 'update-u-1210', 'update-u-1130']);
  // Each update has its exact time on hover and a link of its own.
  const time = page.locator('#update-u-1550 time');
  assert.match(await time.getAttribute('title'), /2026/);
  assert.equal(await page.locator('#update-u-1550').getByRole('link', { name: 'Link to this update' }).getAttribute('href'), '#update-u-1550');
  await region.getByRole('button', { name: 'Load older updates' }).click();
  await page.locator('#update-u-0630').waitFor();
  assert.equal(await region.getByRole('button', { name: 'Load older updates' }).count(), 0, 'no older page left');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new update appears by itself while the reader has not reached the stream; unchanged polls are 304s', async () => {
  const page = await open(servers.shell, { viewport: { width: 390, height: 700 } });
  const before = polls(servers.shell).length;
  // A few polls of an unchanged file: conditional, answered 304.
  await new Promise((ok) => setTimeout(ok, 3500));
  const unchanged = polls(servers.shell).slice(before);
  assert.ok(unchanged.length >= 2, `${unchanged.length} polls`);
  assert.ok(unchanged.every((r) => r.conditional && r.status === 304), JSON.stringify(unchanged));
  assert.ok(await page.evaluate(() => scrollY === 0));
  write((live) => live.updates.unshift(update('u-1620', 'Barrier holds at high water', 'The Eastern Scheldt barrier held at the peak of the tide.')));
  await page.locator('.live__stream #update-u-1620').waitFor();
  assert.equal((await stream(page))[0], 'update-u-1620');
  assert.equal(await page.getByRole('button', { name: /new update/ }).count(), 0);
  await page.getByRole('status').filter({ hasText: '1 new update' }).waitFor({ state: 'attached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('while the reader is in the stream, new updates wait behind a button and nothing moves', async () => {
  const page = await open(servers.shell);
  const third = page.locator('#update-u-1440');
  await third.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -100));
  await page.evaluate(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: false });
  });
  const top = async () => (await third.boundingBox()).y;
  const y = await top();
  write((live) => live.updates.unshift(
    update('u-1600', 'Ferries stay in port', 'No crossings before morning.'),
    update('u-1610', null, 'Winds reach 120 km/h at Vlissingen.'),
  ));
  const button = page.getByRole('button', { name: '2 new updates' });
  await button.waitFor();
  assert.equal(await top(), y, 'the update being read did not move');
  assert.equal(await page.locator('#update-u-1600').count(), 0);
  assert.ok(await page.evaluate(() => window.__shift) <= 0.005, `CLS ${await page.evaluate(() => window.__shift)}`);
  await button.click();
  await page.locator('#update-u-1600').waitFor();
  assert.deepEqual((await stream(page)).slice(0, 2), ['update-u-1600', 'update-u-1610']);
  assert.equal(await button.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a damaged poll leaves the page as it was, and the next good one is shown', async () => {
  const page = await open(servers.shell, { viewport: { width: 390, height: 700 } });
  writeFileSync(join(dir, FILE), '{"slug": "north-sea-storm-live", "live": {');
  const before = polls(servers.shell).length;
  await new Promise((ok) => setTimeout(ok, 2500));
  assert.ok(polls(servers.shell).length > before, 'it polled');
  assert.equal((await stream(page))[0], 'update-u-1550');
  assert.equal(await page.getByRole('alert').count(), 0);
  write((live) => live.updates.unshift(update('u-1700', null, 'Tide falling.')));
  await page.locator('#update-u-1700').waitFor({ timeout: 20000 });
  await page.context().close();
});

test('polling stops while the page is hidden and once the coverage has ended', async () => {
  const page = await open(servers.shell, { viewport: { width: 390, height: 700 } });
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await new Promise((ok) => setTimeout(ok, 1500));
  const hidden = polls(servers.shell).length;
  await new Promise((ok) => setTimeout(ok, 3000));
  assert.equal(polls(servers.shell).length, hidden, 'no poll while hidden');
  write((live) => { live.status = 'ended'; });
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.locator('.article__header').getByText('Ended', { exact: true }).waitFor();
  const ended = polls(servers.shell).length;
  await new Promise((ok) => setTimeout(ok, 3000));
  assert.equal(polls(servers.shell).length, ended, 'no poll once ended');
  await page.context().close();
});

test('a link to an update on an older page loads older pages and scrolls to it', async () => {
  const page = await open(servers.shell, { path: `${PATH}#update-u-0745` });
  const target = page.locator('#update-u-0745');
  await target.waitFor();
  await page.waitForFunction(() => {
    const r = document.getElementById('update-u-0745').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  await page.context().close();
});

test('a prerendered live page is the app at once, in place, and keeps updating', async () => {
  const page = await open(servers.static, { viewport: { width: 390, height: 700 } });
  await page.evaluate(() => { window.__samePage = true; });
  // The app took over in place: its page is shown, the prerendered one gone.
  await page.waitForFunction(() => document.querySelector('[data-in-place]:not([hidden])'));
  assert.equal(await page.locator('main').count(), 1);
  write((live) => live.updates.unshift(update('u-1800', 'Night shift begins', 'Crews stay on the dykes overnight.')));
  await page.locator('.live__stream #update-u-1800').waitFor();
  assert.ok(await page.evaluate(() => window.__samePage), 'no reload');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('lists badge a live story', async () => {
  const page = await open(servers.static, { path: '/world' });
  const card = page.locator('.card').filter({ has: page.getByRole('link', { name: /Storm Hedda live/ }) });
  await card.getByText('Live', { exact: true }).waitFor();
  await page.context().close();
});

test('a breaking-news strip shows across pages, and a dismissed story stays dismissed', async () => {
  const breaking = join(dir, 'api/breaking.json');
  writeFileSync(breaking, JSON.stringify({ id: 'hedda-1', text: 'Storm Hedda: all North Sea ports closed', url: PATH }));
  try {
    for (const server of [servers.static, servers.shell]) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(server.url + '/');
      const strip = page.getByRole('complementary', { name: 'Breaking news' });
      await strip.getByRole('link', { name: 'Storm Hedda: all North Sea ports closed' }).waitFor();
      await strip.getByRole('button', { name: 'Dismiss' }).click();
      await strip.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'attached' });
      await new Promise((ok) => setTimeout(ok, 1500));
      assert.equal(await strip.count(), 0, 'dismissed on this device');
      // A new story shows again, and one past its expiry does not.
      writeFileSync(breaking, JSON.stringify({ id: 'hedda-2', text: 'Ports reopen at dawn' }));
      await strip.getByText('Ports reopen at dawn').waitFor();
      writeFileSync(breaking, JSON.stringify({ id: 'hedda-3', text: 'Old news', expires: '2020-01-01T00:00:00Z' }));
      await strip.waitFor({ state: 'detached' });
      writeFileSync(breaking, JSON.stringify({ id: 'hedda-1', text: 'Storm Hedda: all North Sea ports closed', url: PATH }));
      await context.close();
    }
  } finally {
    rmSync(breaking, { force: true });
  }
});
