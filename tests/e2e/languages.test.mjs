// Every language (docs/content-api.md §8): the bundled Arabic and Ukrainian sample papers
// (public/papers/), each swapped in as site.json of a copy of dist/ and published. Their
// pages read in the paper's language and direction, with its digits; prerendered and
// client-rendered pages say the same; search folds Arabic diacritics and Cyrillic alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './harness.mjs';

const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const words = (language) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../i18n/${language}.json`, import.meta.url)), 'utf8'));
const AR = words('ar');
const UK = words('uk');
const ASWAN = '/egypt/upper-egypt-schools-plant-palm-groves';
const ASWAN_TITLE = 'مدارس في قرى الصعيد تحول أفنيتها إلى بساتين نخيل يرعاها التلاميذ';
const ENERGY_TITLE = 'مزارع الرياح في خليج السويس ترفع حصة الطاقة المتجددة في الشبكة إلى مستوى قياسي';
const ARABIC_DIGIT = /[٠-٩]/;

let parent, browser;
/** paper → { static: prerendered server, shell: the same files, every route client-side } */
const papers = {};

/** A copy of dist/ with `papers/<name>/site.json` as its site.json, published. */
function publishPaper(name) {
  const dir = join(parent, name);
  cpSync(realpathSync(DIST), dir, { recursive: true });
  copyFileSync(join(dir, `papers/${name}/site.json`), join(dir, 'site.json'));
  const run = spawnSync('cargo', ['run', '--quiet', '--no-default-features', '--features', 'ssr', '--bin', 'publish', '--', dir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(run.status, 0, run.stderr);
  return dir;
}

before(async () => {
  parent = mkdtempSync(join(tmpdir(), 'meridian-languages-'));
  for (const name of ['ar', 'uk']) {
    const dir = publishPaper(name);
    papers[name] = {
      dir,
      static: await serve(dir, { prerendered: true, csp: true }),
      shell: await serve(dir, { csp: true }),
    };
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const p of Object.values(papers)) {
    await p.static.close();
    await p.shell.close();
  }
  if (parent) rmSync(parent, { recursive: true, force: true });
});

async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/** The live parts have run: the masthead says today, in Arabic-Indic digits. */
const arabicDate = (page) => page.locator('.masthead__date').filter({ hasText: ARABIC_DIGIT }).waitFor();

test('the Arabic paper reads right to left, in Arabic, with Arabic-Indic digits', async () => {
  const page = await open(papers.ar.static.url + ASWAN);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar-EG');
  await arabicDate(page);
  // The digits the browser's own Intl writes for this locale are the ones the page shows.
  const intlThree = await page.evaluate(() => new Intl.NumberFormat('ar-EG').format(3));
  assert.equal(intlThree, '٣');
  const breadcrumb = page.getByRole('navigation', { name: AR.breadcrumb });
  await breadcrumb.getByRole('link', { name: AR.home }).waitFor();
  await page.getByRole('navigation', { name: AR.sections }).waitFor();
  await page.getByRole('heading', { name: AR.top_news }).waitFor();
  await page.getByRole('button', { name: AR.dark_mode }).waitFor();
  const meta = await page.locator('.article__meta').innerText();
  assert.ok(meta.startsWith(AR.published), meta);
  assert.match(meta, ARABIC_DIGIT, `the byline's date and reading time: ${meta}`);
  assert.doesNotMatch(meta, /[0-9]|min read|Published/, meta);
  // Its weather, in its words and digits.
  const weather = await page.locator('.weather__label').innerText();
  assert.ok(weather.includes(AR['weather.mainly_clear']) && weather.includes('القاهرة'), weather);
  assert.match(await page.locator('.weather__temp').innerText(), /^٢١/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a prerendered Arabic page says what the same page rendered client-side says', async () => {
  for (const path of [ASWAN, '/', '/economy']) {
    const prerendered = await open(papers.ar.static.url + path);
    await arabicDate(prerendered);
    // Its dates, rewritten in the locale by its live part (no Latin letters or digits left).
    await prerendered.waitForFunction(() => [...document.querySelectorAll('main time')].every((t) => !/[A-Za-z0-9]/.test(t.textContent)));
    const client = await open(papers.ar.shell.url + path);
    await arabicDate(client);
    await client.waitForFunction(() => [...document.querySelectorAll('main time')].every((t) => !/[A-Za-z0-9]/.test(t.textContent)));
    await client.waitForLoadState('networkidle');
    await prerendered.waitForLoadState('networkidle');
    const text = (p) => p.evaluate(() => ({
      dir: document.documentElement.dir,
      lang: document.documentElement.lang,
      title: document.title,
      masthead: document.querySelector('.masthead').innerText,
      main: document.querySelector('main').innerText,
      footer: document.querySelector('footer').innerText,
    }));
    assert.deepEqual(await text(prerendered), await text(client), path);
    await prerendered.context().close();
    await client.context().close();
  }
});

test('a prerendered Arabic page is Arabic before any script runs: words, digits, dates', () => {
  const html = readFileSync(join(papers.ar.dir, ASWAN.slice(1), 'index.html'), 'utf8');
  assert.match(html, /<html[^>]* lang="ar-EG"/);
  assert.match(html, /<html[^>]* dir="rtl"/);
  const times = [...html.matchAll(/<time[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.ok(times.length >= 1);
  for (const time of times) {
    assert.match(time, ARABIC_DIGIT, time);
    assert.doesNotMatch(time, /[A-Za-z0-9]/, time);
  }
  assert.ok(html.includes(AR.published) && html.includes(AR.breadcrumb));
});

test('an Arabic search finds a word with and without its diacritics and alef forms', async () => {
  // Written «مُحَافَظَةِ أَسْوَانَ» in the article: searched bare, with a plain alef.
  const page = await open(`${papers.ar.static.url}/search?q=${encodeURIComponent('اسوان')}`);
  const results = page.getByRole('main').locator('.search__count');
  await results.filter({ hasText: 'اسوان' }).waitFor();
  await page.getByRole('link', { name: ASWAN_TITLE }).waitFor();
  assert.equal(await results.innerText(), AR['results.one'].replace('{q}', 'اسوان'));
  // Written bare in a title, searched with diacritics: found, and marked.
  const vocalised = 'الطَّاقَة';
  await page.goto(`${papers.ar.static.url}/search?q=${encodeURIComponent(vocalised)}`);
  await page.getByRole('link', { name: ENERGY_TITLE }).waitFor();
  assert.equal(await page.locator('main mark').first().innerText(), 'الطاقة');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Ukrainian paper reads left to right, in Ukrainian, and its search folds case', async () => {
  const page = await open(`${papers.uk.static.url}/search?q=${encodeURIComponent('СОНЯЧНА')}`);
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  assert.equal(await page.locator('html').getAttribute('lang'), 'uk-UA');
  await page.getByRole('link', { name: 'Сонячна станція на дахах вінницьких шкіл дала перший струм' }).waitFor();
  await page.getByRole('navigation', { name: UK.sections }).getByRole('link', { name: UK.home }).waitFor();
  await page.getByRole('button', { name: UK.search, exact: true }).first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG 2.1 AA violation in the right-to-left paper (${scheme} theme)`, async () => {
    const found = [];
    for (const path of ['/', ASWAN, '/economy', `/search?q=${encodeURIComponent('القاهرة')}`]) {
      const page = await open(papers.ar.static.url + path, { colorScheme: scheme, bypassCSP: true });
      await page.waitForLoadState('networkidle');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
      });
      found.push(...violations.map((v) => `${path}: ${v}`));
      await page.context().close();
    }
    assert.deepEqual(found, []);
  });
}
