// A reader's whole journey through the sample paper, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { readFileSync } from 'node:fs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const heading = (page) => page.getByRole('heading', { level: 1 });

test('the front page has the masthead, the lead story, sections, top news and ads', async () => {
  const page = await h.page();
  await page.goto(h.url + '/');
  const banner = page.getByRole('banner');
  await banner.getByRole('link', { name: 'The Daily Meridian' }).waitFor();
  await banner.getByText('Independent news, every day').waitFor();
  // Today's date in the site's locale and zone, as Intl writes it.
  const today = await page.evaluate(() => new Intl.DateTimeFormat('en-US', {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date()));
  await banner.getByText(today, { exact: true }).waitFor();
  assert.match(today, /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/);
  // Weather: 6.4 °C, WMO code 3.
  await banner.getByText('6 °C', { exact: true }).waitFor();
  await banner.getByText('Overcast, Brussels').waitFor();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const name of ['Home', 'World', 'Business', 'Technology', 'Science', 'Culture', 'Sport']) {
    await nav.getByRole('link', { name, exact: true }).waitFor();
  }
  assert.equal(await heading(page).count(), 1);
  await page.getByRole('heading', { name: 'Latest' }).waitFor();
  for (const name of ['World', 'Business', 'Sport']) {
    await page.getByRole('main').getByRole('heading', { name, exact: true, level: 2 }).waitFor();
  }
  const top = page.getByRole('region', { name: 'Top news' });
  assert.equal(await top.getByRole('listitem').count(), 5);
  // The most popular sample story leads Top news (ties: newer first).
  const index = JSON.parse(readFileSync(new URL('../../public/api/articles.json', import.meta.url))).articles;
  const ranked = index.toSorted((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0) || Date.parse(b.published) - Date.parse(a.published));
  assert.deepEqual(await top.getByRole('link').allTextContents(), ranked.slice(0, 5).map((a) => a.title));
  // Leaderboard and sidebar ad slots, labelled, hidden from assistive technology.
  const labels = page.getByText('- Advertisement -', { exact: true });
  assert.equal(await labels.count(), 2);
  assert.equal(await page.locator('#ad-leaderboard').count(), 1);
  assert.equal(await page.locator('aside.ad-slot[aria-hidden="true"]').count(), 2);
  assert.equal(await page.title(), 'The Daily Meridian');
  assert.deepEqual(page.errors, []);
});

test('front page → section → article → related article → Back, all client-side', async () => {
  const page = await h.page();
  await page.goto(h.url + '/');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World', exact: true }).click();
  await page.waitForURL(h.url + '/world');
  await heading(page).filter({ hasText: 'World' }).waitFor();
  assert.equal(await page.title(), 'World — The Daily Meridian');
  const current = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World', exact: true });
  assert.equal(await current.getAttribute('aria-current'), 'page');

  const first = page.getByRole('main').getByRole('article').first().getByRole('link').first();
  const title = await first.textContent();
  await first.click();
  await heading(page).filter({ hasText: title }).waitFor();
  const articleUrl = page.url();
  assert.match(articleUrl, /\/world\/[a-z0-9-]+$/);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  assert.deepEqual(await crumbs.getByRole('listitem').allTextContents(), ['Home', 'World', title]);
  await page.getByText(/Published /).waitFor();
  await page.getByText(/\d+ min read/).waitFor();
  assert.equal(await heading(page).count(), 1);
  // In-article slots carry stable ids an ad script could fill.
  assert.ok(await page.locator('#ad-inline-1').count() >= 1);

  const related = page.getByRole('region', { name: 'Related articles' });
  await related.waitFor();
  const next = related.getByRole('link').first();
  const nextTitle = await next.textContent();
  assert.notEqual(nextTitle, title, 'an article is never related to itself');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await next.click();
  await heading(page).filter({ hasText: nextTitle }).waitFor();
  assert.notEqual(page.url(), articleUrl);
  // A new page starts at the top.
  await page.waitForFunction(() => window.scrollY === 0);

  await page.goBack();
  await heading(page).filter({ hasText: title }).waitFor();
  assert.equal(page.url(), articleUrl);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full reload happened');
  assert.deepEqual(page.errors, []);
});

test('a deep link to an article loads fresh with every block type', async () => {
  const page = await h.page();
  await page.goto(h.url + '/world/liege-votes-on-car-free-sundays');
  await heading(page).waitFor();
  const text = await page.getByRole('main').textContent();
  assert.ok(!text.includes('Should the city ban cars'), 'the unknown poll block is skipped');
  const article = page.getByRole('main').getByRole('article');
  assert.ok(await article.locator('blockquote').count() >= 1);
  assert.ok(await article.locator('h2').count() >= 1);
  // The lead picture reserves its box from width/height before it loads.
  const img = article.locator('figure img').first();
  assert.equal(await img.getAttribute('width'), '800');
  assert.equal(await img.getAttribute('height'), '450');
  assert.deepEqual(page.errors, []);
});

test('unknown paths and unknown slugs show Page not found with a way home', async () => {
  const page = await h.page();
  for (const path of ['/no/such/page/here', '/world/no-such-story', '/nonsense', '/tag/no-such-tag']) {
    await page.goto(h.url + path);
    await heading(page).filter({ hasText: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Go to the front page' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'The Daily Meridian' }).waitFor();
    assert.equal(await page.title(), 'Page not found — The Daily Meridian', path);
  }
  await page.getByRole('link', { name: 'Go to the front page' }).click();
  await page.waitForURL(h.url + '/');
  assert.deepEqual(page.errors, []);
});

test('a malformed article file shows what failed, keeps the masthead, and Retry recovers', async () => {
  const page = await h.page();
  let broken = true;
  await page.route('**/api/articles/eu-leaders-agree-grid-compact.json', (route) =>
    broken ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"slug": "eu-leaders-agree-grid-compact", "title": ' })
           : route.continue());
  await page.goto(h.url + '/world/eu-leaders-agree-grid-compact');
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'Some content is damaged' }).waitFor();
  assert.match(await alert.textContent(), /api\/articles\/eu-leaders-agree-grid-compact\.json/);
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  broken = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a server error and a missing index are told apart', async () => {
  const page = await h.page();
  await page.route('**/api/articles.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(h.url + '/');
  await page.getByRole('alert').getByRole('heading', { name: 'The news server has a problem' }).waitFor();
  assert.match(await page.getByRole('alert').textContent(), /503/);
  assert.deepEqual(page.errors, []);
  // A missing index is a broken site, not an unknown page: it names the file.
  const missing = await h.page();
  await missing.route('**/api/articles.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await missing.goto(h.url + '/');
  await missing.getByRole('alert').getByRole('heading', { name: 'This content could not be found' }).waitFor();
  assert.match(await missing.getByRole('alert').textContent(), /\/api\/articles\.json was not found/);
  assert.equal(await missing.getByText('Page not found').count(), 0);
});

test('"ads": null removes every ad slot', async () => {
  const page = await h.page();
  await page.route('**/site.json', async (route) => {
    const response = await route.fetch();
    const site = await response.json();
    site.ads = null;
    await route.fulfill({ response, json: site });
  });
  await page.goto(h.url + '/world/eu-leaders-agree-grid-compact');
  await heading(page).waitFor();
  assert.equal(await page.getByText('- Advertisement -').count(), 0);
  assert.equal(await page.locator('[data-ad-slot]').count(), 0);
});

test('the masthead search box submits to /search?q=', async () => {
  const page = await h.page();
  await page.goto(h.url + '/');
  await page.getByRole('banner').getByRole('searchbox', { name: 'Search the paper' }).fill('Québec');
  await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/search\?q=Qu/);
  await page.getByText(/^\d+ results? for “Québec”$/).waitFor();
  await page.getByRole('main').getByRole('link', { name: /documentary maker from Québec/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a tag page lists the tagged articles', async () => {
  const page = await h.page();
  await page.goto(h.url + '/tag/energy');
  await heading(page).filter({ hasText: 'Tagged “energy”' }).waitFor();
  assert.ok(await page.getByRole('main').getByRole('article').count() >= 2);
});
