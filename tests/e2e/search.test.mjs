// The search page: the filter panel drives the URL, the URL restores the view (reload,
// Back/Forward), typing updates the results, matches are highlighted, bodies are searched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const count = (page) => page.getByRole('main').getByRole('status').filter({ hasText: /results? for|No results/ });
const titles = (page) => page.locator('.result__title').allTextContents();

test('typing updates the results and the URL without flooding history', async () => {
  const page = await h.page();
  await page.goto(h.url + '/search');
  await page.getByText('Type a word or two').waitFor();
  const historyBefore = await page.evaluate(() => history.length);
  const box = page.getByRole('searchbox', { name: 'Search for' });
  await box.pressSequentially('shopkeepers', { delay: 30 });
  await page.waitForURL(/\/search\?q=shopkeepers$/);
  await count(page).filter({ hasText: '2 results for “shopkeepers”' }).waitFor();
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'typing replaces the entry');
  // Found in the bodies only, with a highlighted snippet (loaded after the results).
  await page.locator('.result__snippet mark').nth(1).waitFor();
  const marks = await page.locator('.result__snippet mark').allTextContents();
  assert.deepEqual(marks.map((m) => m.toLowerCase()), ['shopkeepers', 'shopkeepers']);
  assert.equal(await box.inputValue(), 'shopkeepers');
});

test('titles and standfirsts answer on every key; the articles\' text follows after a pause', async () => {
  const page = await h.page();
  // The body shards of the search index arrive only when the test says so.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/\/api\/search\/(shard|pos)-[^/]*\.json$/, async (route) => { await held; await route.continue(); });
  await page.goto(h.url + '/search');
  await page.getByText('Type a word or two').waitFor();
  await page.getByRole('searchbox', { name: 'Search for' }).pressSequentially('grid', { delay: 30 });
  await page.waitForURL(/\/search\?q=grid$/);
  await page.locator('.result__title').filter({ hasText: 'EU leaders strike overnight deal' }).waitFor();
  await page.getByText('Searching the articles’ text too…').waitFor();
  const before = (await titles(page)).length;
  release();
  await page.getByText('Searching the articles’ text too…').waitFor({ state: 'detached' });
  await count(page).waitFor();
  assert.ok((await titles(page)).length >= before);
});

test('every filter writes the URL, and the URL restores them after a reload and on Back', async () => {
  const page = await h.page();
  await page.goto(h.url + '/search?q=energy');
  await count(page).waitFor();
  const all = Number((await count(page).textContent()).match(/\d+/)[0]);
  await page.getByText('Generic filters').click();
  await page.getByRole('checkbox', { name: 'Body' }).uncheck();
  await page.waitForURL(/in=title,standfirst/);
  await page.getByRole('group', { name: 'Categories' }).getByRole('checkbox', { name: 'Business' }).check();
  await page.waitForURL(/category=business/);
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('oldest');
  await page.waitForURL(/sort=oldest/);
  await page.getByLabel('From').fill('2026-11-10');
  await page.waitForURL(/from=2026-11-10/);
  assert.equal(new URL(page.url()).search, '?q=energy&in=title,standfirst&category=business&from=2026-11-10&sort=oldest');
  await count(page).waitFor();
  const filtered = await titles(page);
  assert.ok(filtered.length < all, `${filtered.length} < ${all}`);
  // Each result is from Business, and oldest first.
  for (const s of await page.locator('.result .card__section').allTextContents()) assert.equal(s, 'Business');
  const dates = await page.locator('.result time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
  assert.deepEqual(dates, [...dates].sort((a, b) => a - b));

  await page.reload();
  await count(page).waitFor();
  assert.deepEqual(await titles(page), filtered);
  assert.equal(await page.getByRole('checkbox', { name: 'Body' }).isChecked(), false);
  assert.equal(await page.getByRole('checkbox', { name: 'Business' }).isChecked(), true);
  assert.equal(await page.getByRole('combobox', { name: 'Sort by' }).inputValue(), 'oldest');
  assert.equal(await page.getByLabel('From').inputValue(), '2026-11-10');

  await page.getByRole('checkbox', { name: 'Exact matches only' }).check();
  await page.waitForURL(/exact=1/);
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('exact=1'));
  assert.equal(await page.getByRole('checkbox', { name: 'Exact matches only' }).isChecked(), false);
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('from='));
  assert.equal(await page.getByLabel('From').inputValue(), '');
  await count(page).waitFor();
});

test('titles and standfirsts are highlighted; exact phrases match in order only', async () => {
  const page = await h.page();
  await page.goto(h.url + '/search?q=grid%20compact&exact=1');
  await count(page).filter({ hasText: '1 result' }).waitFor();
  assert.deepEqual(await page.locator('.result__title mark').allTextContents(), ['grid compact']);
  await page.goto(h.url + '/search?q=compact%20grid&exact=1&in=title');
  await count(page).filter({ hasText: 'No results' }).waitFor();
});

test('the search code loads when a reader first searches; a failed load says so and Retry recovers', async () => {
  const page = await h.page();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(h.url + '/world/eu-leaders-agree-grid-compact');
  await page.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor(); // the app runs
  assert.deepEqual(wasm.filter((p) => !/^\/meridian-[0-9a-f]+_bg\.wasm$/.test(p)), [], 'an article loads the main module only');

  // The chunk cannot be fetched (a dropped connection, or a deploy replaced it).
  await page.route(/\/split_search_page-[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.getByRole('banner').getByRole('searchbox', { name: 'Search the paper' }).fill('grid');
  await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/search\?q=grid$/);
  const alert = page.getByRole('main').getByRole('alert');
  await alert.getByRole('heading', { name: 'The news server cannot be reached' }).waitFor();
  assert.match(await alert.textContent(), /reload the page/);
  // The masthead and the sections stay usable.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World' }).waitFor();

  await page.unroute(/\/split_search_page-[0-9a-f]+\.wasm$/);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await count(page).filter({ hasText: '3 results for “grid”' }).waitFor();
  assert.ok(wasm.some((p) => /^\/split_search_page-[0-9a-f]+\.wasm$/.test(p)));
  assert.deepEqual(page.errors, []);
});

test("a page's code starts loading when the reader points at its link or focuses the search box", async () => {
  const page = await h.page();
  await page.goto(h.url + '/world/eu-leaders-agree-grid-compact');
  await page.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor(); // the app runs
  const chunk = (name) => page.waitForRequest((r) => new RegExp(`/split_${name}-[0-9a-f]+\\.wasm$`).test(r.url()));
  // The search box: the search page's code comes while the reader types.
  const search = chunk('search_page');
  await page.getByRole('banner').getByRole('searchbox', { name: 'Search the paper' }).focus();
  await search;
  // A section link under the pointer: the section's code.
  const section = chunk('category_page');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Science' }).hover();
  await section;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Science' }).click();
  await page.getByRole('heading', { level: 1, name: 'Science' }).waitFor();
  assert.deepEqual(page.errors, []);
});
