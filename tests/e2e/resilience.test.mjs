// Failure in the real browser: a strict CSP, retries, timeouts, offline, hostile HTML,
// cache reuse on Back, and secondary parts that fail quietly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let h;
before(async () => { h = await start({ csp: true }); });
after(async () => { await h?.close(); });

const heading = (page) => page.getByRole('heading', { level: 1 });
const ARTICLE = '/world/eu-leaders-agree-grid-compact';
const ARTICLE_JSON = '**/api/articles/eu-leaders-agree-grid-compact.json';

test('dist/ renders under the strict Content-Security-Policy with zero violations', async () => {
  const page = await h.page();
  const violations = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
  const response = await page.goto(h.url + '/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.getByRole('region', { name: 'Top news' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Culture' }).click();
  await heading(page).filter({ hasText: 'Culture' }).waitFor();
  await page.goto(h.url + ARTICLE);
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
  await page.goto(h.url + '/search?q=grid&exact=1');
  await page.getByText(/results? for “grid”/).first().waitFor();
  violations.push(...await page.evaluate(() => window.__csp));
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
});

test('5xx and network errors are retried (twice at most); 404s are not', async () => {
  const page = await h.page();
  let calls = 0;
  await page.route(ARTICLE_JSON, (route) => (++calls <= 2 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  await page.goto(h.url + ARTICLE);
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
  assert.equal(calls, 3);

  const gone = await h.page();
  let missing = 0;
  await gone.route('**/api/articles/no-such-story.json', (route) => { missing++; return route.fulfill({ status: 404, body: '' }); });
  await gone.goto(h.url + '/world/no-such-story');
  await heading(gone).filter({ hasText: 'Page not found' }).waitFor();
  assert.equal(missing, 1);

  const down = await h.page();
  let tries = 0;
  await down.route(ARTICLE_JSON, (route) => { tries++; return route.abort('connectionreset'); });
  await down.goto(h.url + ARTICLE);
  await down.getByRole('alert').getByRole('heading', { name: 'The news server cannot be reached' }).waitFor();
  assert.equal(tries, 3);
});

test('a slow server times out with its own message, and Retry recovers', async () => {
  const page = await h.page();
  await page.route('**/site.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), request_timeout_ms: 800 } });
  });
  let slow = true;
  await page.route(ARTICLE_JSON, async (route) => {
    if (slow) await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => {});
  });
  await page.goto(h.url + ARTICLE);
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'The news server is taking too long' }).waitFor();
  assert.match(await alert.textContent(), /eu-leaders-agree-grid-compact\.json did not answer in time/);
  await page.getByRole('banner').getByRole('link', { name: 'The Daily Meridian' }).waitFor();
  slow = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
});

test('offline readers are told so, and can still use the masthead', async () => {
  const page = await h.page();
  await page.goto(h.url + '/');
  await page.getByRole('region', { name: 'Top news' }).waitFor();
  await page.context().setOffline(true);
  await page.getByRole('region', { name: 'Top news' }).getByRole('link').nth(2).click();
  await page.getByRole('alert').getByRole('heading', { name: 'You seem to be offline' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { name: 'Latest' }).waitFor();
  await page.context().setOffline(false);
});

test('hostile HTML in an article never runs', async () => {
  const page = await h.page();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.route(ARTICLE_JSON, async (route) => {
    const response = await route.fetch();
    const article = await response.json();
    article.title = '<img src=x onerror=alert(1)>Title with markup';
    article.body.unshift({ type: 'html', html:
      '<p>Kept <a href="javascript:alert(2)">bad link</a> <a href="https://example.org/x">good link</a></p>' +
      '<img src=x onerror="alert(3)"><svg onload=alert(4)></svg><iframe srcdoc="<script>alert(5)</script>"></iframe>' +
      '<script>alert(6)</script><a href="jav&#x09;ascript:alert(7)">tab</a><math><mtext><table><mglyph><style><img src=x onerror=alert(8)>' });
    await route.fulfill({ response, json: article });
  });
  await page.goto(h.url + ARTICLE);
  await heading(page).waitFor();
  // Plain-text fields stay text.
  assert.equal(await heading(page).textContent(), '<img src=x onerror=alert(1)>Title with markup');
  const body = page.locator('.article__body');
  await body.getByRole('link', { name: 'good link' }).waitFor();
  assert.equal(await body.getByRole('link', { name: 'good link' }).getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await body.getByText('bad link').getAttribute('href'), null);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('main script:not([type="application/ld+json"]), main iframe, main svg, main math, main style').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.errors, []);
});

test('Back reuses loaded content with no refetch and no loading flash', async () => {
  const page = await h.page();
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/') && r.url().endsWith('.json')) requests.push(new URL(r.url()).pathname); });
  await page.goto(h.url + ARTICLE);
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
  const related = page.getByRole('region', { name: 'Related articles' }).getByRole('link').first();
  const nextTitle = await related.textContent();
  await related.click();
  await heading(page).filter({ hasText: nextTitle }).waitFor();
  await page.evaluate(() => {
    window.__flash = false;
    new MutationObserver(() => { if (document.querySelector('.skeleton')) window.__flash = true; })
      .observe(document.body, { childList: true, subtree: true });
  });
  const before = requests.length;
  await page.goBack();
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(requests.slice(before), [], 'nothing was fetched again');
  assert.equal(await page.evaluate(() => window.__flash), false, 'no skeleton flashed');
  assert.equal(requests.filter((p) => p.endsWith('eu-leaders-agree-grid-compact.json')).length, 1);
});

test('weather and sidebars fail quietly; the article stays', async () => {
  const page = await h.page();
  await page.route('**/api/weather.json', (route) => route.fulfill({ status: 500, body: 'no' }));
  await page.route('**/api/articles.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"articles": [' }));
  await page.goto(h.url + ARTICLE);
  await heading(page).filter({ hasText: 'EU leaders' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole('banner').getByText('°C').count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Top news' }).count(), 0);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(page.errors, []);
});
