// Body search through the search index (public/api/search/, docs/search-index.md): a word
// that is only in article bodies is found from the index files alone, and a paper whose
// index is missing or damaged still finds it by reading the article files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const count = (page) => page.getByRole('main').getByRole('status').filter({ hasText: /results? for/ });
const titles = (page) => page.locator('.result__title').allTextContents();
const ARTICLES = 37;
// "shopkeepers" is in the bodies of these two articles only: no title or standfirst has it.
const SHOPKEEPERS = ['antwerp-opera-stages-flood-requiem', 'liege-votes-on-car-free-sundays'];

/** Every request the page makes for content files: article files, index files. */
function watch(page) {
  const seen = { articles: [], search: [] };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    const article = path.match(/\/api\/articles\/([a-z0-9-]+)\.json$/);
    if (article) seen.articles.push(article[1]);
    if (path.startsWith('/api/search/')) seen.search.push(path.slice('/api/search/'.length));
  });
  return seen;
}

/** Holds every article-file request until `release()`: what shows meanwhile needed none. */
async function holdArticles(page) {
  const held = [];
  let released = false;
  await page.route('**/api/articles/*.json', (route) => (released ? route.continue() : held.push(route)));
  return {
    held,
    release: async () => {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

test('a word found only in bodies comes from the index, with no article file read', async () => {
  const page = await h.page();
  const seen = watch(page);
  const articles = await holdArticles(page);
  await page.goto(h.url + '/search?q=shopkeepers');
  // The results are on screen while every article file is still held back.
  await count(page).filter({ hasText: '2 results for “shopkeepers”' }).waitFor();
  const shown = await titles(page);
  assert.equal(shown.length, 2);
  assert.ok(seen.search.includes('meta.json'), `${seen.search}`);
  assert.equal(seen.search.filter((f) => f.startsWith('shard-')).length, 1, 'one shard for one word');
  assert.deepEqual(seen.search.filter((f) => f.startsWith('pos-')), [], 'no positions for a word');
  // Snippets follow once the two shown articles load; no other article file is asked for.
  await articles.release();
  await page.locator('.result__snippet mark').nth(1).waitFor();
  const marks = await page.locator('.result__snippet mark').allTextContents();
  assert.deepEqual(marks.map((m) => m.toLowerCase()), ['shopkeepers', 'shopkeepers']);
  assert.deepEqual([...new Set(seen.articles)].sort(), SHOPKEEPERS);
  assert.deepEqual(page.errors, []);
});

test('an exact phrase in a body is answered from the index positions', async () => {
  const page = await h.page();
  const seen = watch(page);
  await holdArticles(page);
  await page.goto(h.url + '/search?q=milan%20bottling%20company&exact=1&in=body');
  await count(page).filter({ hasText: '1 result for “milan bottling company”' }).waitFor();
  assert.deepEqual(await titles(page), ['Alpine villages split over a deal to sell their glacier’s meltwater']);
  assert.ok(seen.search.some((f) => f.startsWith('pos-')), `${seen.search}`);
  // The same words out of order are not the phrase.
  await page.goto(h.url + '/search?q=company%20bottling%20milan&exact=1&in=body');
  await page.getByRole('main').getByRole('status').filter({ hasText: 'No results for “company bottling milan”' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('without search/meta.json the bodies are searched by reading the article files', async () => {
  const page = await h.page();
  const seen = watch(page);
  await page.route('**/api/search/meta.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(h.url + '/search?q=shopkeepers');
  await count(page).filter({ hasText: '2 results for “shopkeepers”' }).waitFor();
  assert.equal(new Set(seen.articles).size, ARTICLES, 'every article file is read');
  assert.deepEqual(seen.search, ['meta.json'], 'no shard is asked for');
  const marks = await page.locator('.result__snippet mark').allTextContents();
  assert.deepEqual(marks.map((m) => m.toLowerCase()), ['shopkeepers', 'shopkeepers']);
  assert.deepEqual(page.errors, []);
});

test('a damaged index is ignored quietly: same results, no broken page', async () => {
  for (const [file, body] of [
    ['meta.json', '{"version":'],
    ['meta.json', '{"version":99,"hash":"fnv1a32","shards":9,"docs":37,"fingerprint":"0","block":1000}'],
    ['shard-*.json', '{"terms":{"shopkeepers":"nope"}}'],
  ]) {
    const page = await h.page();
    const seen = watch(page);
    await page.route(`**/api/search/${file}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(h.url + '/search?q=shopkeepers');
    await count(page).filter({ hasText: '2 results for “shopkeepers”' }).waitFor();
    assert.equal(new Set(seen.articles).size, ARTICLES, `${file}: the article files are read`);
    assert.deepEqual(page.errors, [], file);
    await page.context().close();
  }
});
