// Search at 10 000 articles, measured in headless Chromium (Debian's, via playwright-core),
// side by side with MiniSearch indexing the same articles. Results go in docs/search-index.md.
//
//   node scripts/perf/bench-search.mjs                       # generate paper + index, build the app
//   node scripts/perf/bench-search.mjs --dist /tmp/si-dist   # reuse a release build of the app
//   node scripts/perf/bench-search.mjs --paper /tmp/paper10k --dist dist --json out.json
//
// The paper (gen_paper, seed 1) and its search index (build_search_index) are made in
// --paper (default: $TMPDIR/meridian-bench/paper) unless they are already there; the app is
// built once with `trunk build --release --offline` into a temp dir unless --dist is given.
// A local server serves the app with the paper as its content, compressed like a CDN
// (brotli when the browser asks for it, else gzip). It measures:
//  1. per keystroke: 20 queries typed letter by letter, once searching titles and standfirsts
//     only (in=title,standfirst) and once everything (the default: titles and standfirsts
//     answer at once, the articles' text after a pause); each time from the `keydown` event to
//     the result count for the new text being in the DOM, and to the next animation frame.
//  2. one-word body searches, each in a fresh browser context (cold HTTP cache) after the
//     index pages are in: bytes of search/ files transferred (resource timing transferSize,
//     compressed, headers included), time from the last search/ file's responseEnd to the
//     results in the DOM; then the same word again with its shard cached (warm).
//  3. JS heap (CDP Runtime.getHeapUsage after a GC) + WASM linear memory with the 10 000
//     summaries and the shards of the queries loaded.
//  4. MiniSearch (node_modules/minisearch, AND, prefix and fuzzy off, the app's tokenizer
//     and normalisation) over title, standfirst and body: index size (JSON; gzip, brotli),
//     bytes transferred and load time in the page, query time (median of 9 warm runs) and
//     result sets compared with the app's (search_query, the app's search code run natively,
//     and the count the page shows) on 20 queries.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const ROOT = new URL('../..', import.meta.url).pathname;
const { values: opt } = parseArgs({
  options: {
    paper: { type: 'string', default: join(tmpdir(), 'meridian-bench', 'paper') },
    dist: { type: 'string' },
    articles: { type: 'string', default: '10000' },
    json: { type: 'string' },
  },
});
const TARGET = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const log = (...a) => console.error('·', ...a);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const ms = (t) => `${t.toFixed(2)} ms`;

// ---- 1. the paper and its index ---------------------------------------------------------
function cargo(bin, args) {
  execFileSync('cargo', ['run', '--quiet', '--release', '--bin', bin, '--', ...args], { cwd: ROOT, stdio: ['ignore', 2, 2] });
}
const api = join(opt.paper, 'api');
if (!existsSync(join(api, 'articles.json'))) {
  log(`generating ${opt.articles} articles in ${opt.paper}`);
  cargo('gen_paper', [opt.paper, '--articles', opt.articles, '--shard', '500', '--seed', '1']);
}
const meta = existsSync(join(api, 'search/meta.json')) && JSON.parse(readFileSync(join(api, 'search/meta.json'), 'utf8'));
if (!meta || meta.version !== 2) {
  log('building the search index');
  cargo('build_search_index', [api, '--quiet']);
}

execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'search_query'], { cwd: ROOT, stdio: ['ignore', 2, 2] });

// ---- 2. the app -------------------------------------------------------------------------
let dist = opt.dist;
if (!dist) {
  dist = mkdtempSync(join(tmpdir(), 'meridian-bench-dist-'));
  log(`building the app into ${dist}`);
  execFileSync('trunk', ['build', '--release', '--offline', '--dist', dist], { cwd: ROOT, stdio: ['ignore', 2, 2] });
}

// ---- the articles, as the index chain lists them (doc-id order) -------------------------
log('reading the paper');
const summaries = [];
{
  const seen = new Set();
  for (let file = 'articles.json'; file;) {
    const page = JSON.parse(readFileSync(join(api, file), 'utf8'));
    for (const a of page.articles) if (!seen.has(a.slug)) { seen.add(a.slug); summaries.push(a); }
    file = page.next;
  }
}
const strip = (html) => html.replace(/<[^>]*>/g, ' ');
function bodyText(article) {
  const out = [];
  for (const b of article.body ?? []) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(b.text);
    else if (b.type === 'quote') { out.push(b.text); if (b.cite) out.push(b.cite); }
    else if (b.type === 'list') out.push(...b.items);
    else if (b.type === 'image' && b.caption) out.push(b.caption);
    else if (b.type === 'html') out.push(strip(b.html));
  }
  return out.join('\n');
}
const docs = summaries.map((a, id) => ({
  id, title: a.title, standfirst: a.standfirst ?? '',
  body: bodyText(JSON.parse(readFileSync(join(api, 'articles', `${a.slug}.json`), 'utf8'))),
}));

// The app's words (core/src/search.rs `word_spans` + `normalize`), for MiniSearch: runs of letters
// and digits, an apostrophe inside a word belonging to it; lower case, accents folded,
// apostrophes dropped. Shared as source so the page runs the very same functions.
const TEXT_FNS = String.raw`
  const WORD = /[\p{Alphabetic}\p{N}]+(?:['’‘]+[\p{Alphabetic}\p{N}]*)*/gu;
  const SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ı': 'i' };
  var tokenize = (text) => (text.match(WORD) || []).map((w) => w.replace(/['’‘]+$/, ''));
  var processTerm = (term) => {
    const t = term.toLowerCase().replace(/[ßæœøđłı]/g, (c) => SPECIAL[c]).normalize('NFD')
      .replace(/\p{M}/gu, '').replace(/['’‘]/g, '');
    return t || null;
  };
`;
const { tokenize, processTerm } = new Function(`${TEXT_FNS}; return { tokenize, processTerm };`)();

// ---- the queries: words over the range of document frequencies, and pairs of them -------
const df = new Map();
for (const f of readdirSync(join(api, 'search')).filter((f) => f.startsWith('shard-'))) {
  const shard = JSON.parse(readFileSync(join(api, 'search', f), 'utf8'));
  for (const [term, list] of Object.entries(shard.terms)) df.set(term, list.length);
}
const byDf = [...df].filter(([t]) => /^[a-z]{3,}$/.test(t)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const rank = (r) => byDf[Math.min(r, byDf.length - 1)][0];
const WORDS = [0, 2, 9, 29, 99, 299, 999, 2999, 4999, byDf.length - 1].map(rank);
const QUERIES = [
  ...WORDS,
  `${rank(0)} ${rank(9)}`, `${rank(9)} ${rank(99)}`, `${rank(29)} ${rank(299)}`, `${rank(99)} ${rank(999)}`,
  `${rank(299)} ${rank(2999)}`, `${rank(0)} ${rank(4999)}`, `${rank(2)} ${rank(29)} ${rank(299)}`,
  `${rank(9)} ${rank(99)} ${rank(999)}`, 'Québec', 'café',
];
const BODY_WORDS = [0, 9, 99, 999, 4999, byDf.length - 1].map(rank);

// ---- the server: app from dist, content from the paper, compressed like a CDN ----------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
const compressed = new Map();
const encodings = new Set();
const MINI_JSON = { body: null };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  let file;
  if (path === '/bench/blank') { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>'); return; }
  if (path === '/bench/minisearch.json') file = { key: path, read: () => MINI_JSON.body };
  else if (path === '/site.json' || path.startsWith('/api/')) file = join(opt.paper, path);
  else file = join(dist, path);
  if (typeof file === 'string') {
    let f = file;
    if (!existsSync(f) || statSync(f).isDirectory()) {
      if (extname(path)) { res.writeHead(404).end('not found'); return; }
      f = join(dist, '404.html');
    }
    file = { key: f, read: () => readFileSync(f) };
  }
  const type = TYPES[extname(file.key)] ?? 'application/octet-stream';
  const accept = req.headers['accept-encoding'] ?? '';
  const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  const headers = { 'content-type': type, 'cache-control': 'no-cache' };
  let body = file.read();
  if (enc && /json|javascript|wasm|css|html/.test(type)) {
    const key = `${enc}:${file.key}`;
    if (!compressed.has(key)) {
      compressed.set(key, enc === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipSync(body, { level: 9 }));
    }
    body = compressed.get(key);
    headers['content-encoding'] = enc;
    encodings.add(enc);
  }
  res.writeHead(200, headers).end(body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const URL_ = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
});

// In the page: when a key went down, when the typing pause ends (the app's 250 ms timer fires:
// the network work of a body search starts), and when the result count for a text is in the
// DOM (with `final`, once the articles' text has been searched too); the WASM memory, caught
// at instantiation.
const INSTRUMENT = () => {
  window.__bench = { t0: 0, pause: 0 };
  const st = window.setTimeout;
  addEventListener('keydown', (e) => { window.__bench.t0 = e.timeStamp; }, true);
  window.setTimeout = function (fn, delay, ...rest) {
    if (delay === 250 && typeof fn === 'function') {
      return st.call(window, function (...a) { window.__bench.pause = performance.now(); return fn.apply(this, a); }, delay, ...rest);
    }
    return st.call(window, fn, delay, ...rest);
  };
  const wrap = (orig) => async function (...a) {
    const r = await orig.apply(this, a);
    const exports = (r.instance ?? r).exports ?? {};
    for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) window.__wasmMemory = v;
    return r;
  };
  WebAssembly.instantiateStreaming = wrap(WebAssembly.instantiateStreaming);
  WebAssembly.instantiate = wrap(WebAssembly.instantiate);
  window.__waitFor = (q, final) => new Promise((resolve, reject) => {
    const shown = () => document.querySelector('.search__count')?.textContent.includes(`“${q}”`) &&
      !(final && document.querySelector('main')?.textContent.includes('Searching the articles’ text too'));
    const timer = st.call(window, () => {
      mo.disconnect();
      reject(new Error(`no results for “${q}” after 60 s; the page shows: ${document.querySelector('main')?.textContent.slice(0, 300)}`));
    }, 60_000);
    const mo = new MutationObserver(() => {
      if (!shown()) return;
      clearTimeout(timer);
      mo.disconnect();
      const dom = performance.now();
      requestAnimationFrame(() => resolve({ t0: window.__bench.t0, pause: window.__bench.pause, dom, frame: performance.now() }));
    });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
};

async function newPage() {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(INSTRUMENT);
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}
const errors = [];
const shownCount = (text) => Number(text.replace(/,/g, '').match(/(\d+) results?|No results/)?.[1] ?? 0);
const box = (page) => page.getByRole('searchbox', { name: 'Search for' });
// Puts `text` in the search box; resolves with the page's timings once its results show.
async function fillAndWait(page, text) {
  await watch(page, text, true);
  await box(page).fill(text);
  return page.evaluate(() => window.__pending);
}
// Starts waiting for the results of `text` in the page, before the key or fill that asks for
// them (results can now be in the DOM before a promise sent along with the key would be).
function watch(page, text, final = false) {
  return page.evaluate(([t, f]) => { window.__pending = window.__waitFor(t, f); }, [text, final]);
}

const out = { encodings: null, keystrokes: {}, body: [], heap: {}, minisearch: {}, queries: [] };

// ---- measure 1: per keystroke ----------------------------------------------------------
for (const [name, search] of [['title/standfirst', '?in=title,standfirst'], ['everything', '']]) {
  log(`typing 20 queries letter by letter (${name})`);
  const page = await newPage();
  await page.goto(`${URL_}/search${search}`);
  await page.getByText('Type a word or two').waitFor({ timeout: 120_000 });
  const dom = [], frame = [];
  for (const q of QUERIES) {
    log(`  ${q}`);
    await box(page).fill('');
    await page.getByText('Type a word or two').waitFor();
    for (let i = 1; i <= q.length; i++) {
      const text = q.slice(0, i);
      // The box is focused again, caret at the end, before each key, as a reader's would be
      // (the app once moved focus to the heading on each URL change; fixed, kept as a guard).
      await box(page).evaluate((el) => { el.focus(); el.setSelectionRange(el.value.length, el.value.length); });
      if (text.endsWith(' ')) { await page.keyboard.type(' '); continue; }
      await watch(page, text);
      await page.keyboard.type(q[i - 1]);
      const r = await page.evaluate(() => window.__pending);
      dom.push(r.dom - r.t0); frame.push(r.frame - r.t0);
    }
  }
  out.keystrokes[name] = { n: dom.length, dom: { median: median(dom), p95: p95(dom) }, frame: { median: median(frame), p95: p95(frame) } };
  await page.context().close();
}

// ---- measure 2: one-word body searches, cold then warm ----------------------------------
log('one-word body searches');
let heapPage;
for (const word of BODY_WORDS) {
  const page = await newPage();
  await page.goto(`${URL_}/search`);
  await page.getByText('Type a word or two').waitFor({ timeout: 120_000 });
  await page.evaluate(() => { performance.setResourceTimingBufferSize(100000); performance.clearResourceTimings(); });
  const cold = await fillAndWait(page, word);
  const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname, transfer: e.transferSize, body: e.encodedBodySize, end: e.responseEnd })));
  const search = entries.filter((e) => e.name.startsWith('/api/search/'));
  const lastEnd = Math.max(...search.map((e) => e.end));
  const count = shownCount(await page.locator('.search__count').textContent());
  // Warm: another word, then this one again with its shard cached.
  await fillAndWait(page, 'zzzq');
  const warm = await fillAndWait(page, word);
  await page.waitForTimeout(500);
  const snippets = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/articles/')).reduce((s, e) => s + e.transferSize, 0));
  out.body.push({
    word, df: df.get(word), count, files: search.map((e) => e.name.replace('/api/search/', '')),
    transfer: search.reduce((s, e) => s + e.transfer, 0), encoded: search.reduce((s, e) => s + e.body, 0),
    afterShards: cold.dom - lastEnd, coldTotal: cold.dom - cold.pause, warm: warm.dom - warm.pause, snippetBytes: snippets,
  });
  if (heapPage) await heapPage.context().close();
  heapPage = page;
}

// ---- measure 3: memory with the 10 000-article index and shards loaded ------------------
log('memory');
{
  const cdp = await heapPage.context().newCDPSession(heapPage);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await heapPage.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  out.heap = { jsUsed: heap.usedSize, jsTotal: heap.totalSize, wasm, total: heap.usedSize + wasm };
  await heapPage.context().close();
}

// ---- measure 4: MiniSearch over the same articles ---------------------------------------
log('MiniSearch: indexing in node');
const { default: MiniSearch } = await import('minisearch');
const MS_OPTIONS = { fields: ['title', 'standfirst', 'body'], storeFields: [], searchOptions: { combineWith: 'AND', prefix: false, fuzzy: false } };
{
  const t = performance.now();
  const ms = new MiniSearch({ ...MS_OPTIONS, tokenize, processTerm });
  ms.addAll(docs);
  const buildMs = performance.now() - t;
  const json = Buffer.from(JSON.stringify(ms));
  MINI_JSON.body = json;
  out.minisearch = {
    build: buildMs, raw: json.length, gzip: gzipSync(json, { level: 9 }).length,
    brotli: brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
log('MiniSearch: loading and querying in the page');
const msResults = {};
{
  const page = await newPage();
  await page.goto(`${URL_}/bench/blank`);
  await page.addScriptTag({ path: join(ROOT, 'node_modules/minisearch/dist/umd/index.js') });
  await page.addScriptTag({ content: TEXT_FNS });
  const loaded = await page.evaluate(async (options) => {
    const t = performance.now();
    const text = await (await fetch('/bench/minisearch.json')).text();
    const fetched = performance.now();
    window.__ms = MiniSearch.loadJSON(text, { ...options, tokenize, processTerm });
    const e = performance.getEntriesByName(new URL('/bench/minisearch.json', location.href).href)[0];
    return { fetch: fetched - t, load: performance.now() - fetched, transfer: e.transferSize };
  }, MS_OPTIONS);
  Object.assign(out.minisearch, loaded);
  for (const q of QUERIES) {
    msResults[q] = await page.evaluate((q) => {
      const times = [];
      let ids;
      for (let i = 0; i < 9; i++) {
        const t = performance.now();
        ids = window.__ms.search(q).map((r) => r.id);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { ids, time: times[4] };
    }, q);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  out.minisearch.jsHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await page.context().close();
}

// ---- the app on the same 20 queries: counts in the page, sets natively, warm time -------
log('the app on the 20 queries');
const native = new Map(
  execFileSync(join(TARGET, 'release', 'search_query'), [api, ...QUERIES.map((q) => `q=${q}`)], { maxBuffer: 1 << 30 })
    .toString().trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.query.slice(2), r]),
);
{
  const page = await newPage();
  await page.goto(`${URL_}/search`);
  await page.getByText('Type a word or two').waitFor({ timeout: 120_000 });
  for (const q of QUERIES) {
    await fillAndWait(page, q);
    const count = shownCount(await page.locator('.search__count').textContent());
    await fillAndWait(page, 'zzzq');
    const warm = await fillAndWait(page, q);
    const ours = new Set(native.get(q).slugs);
    const theirs = new Set(msResults[q].ids.map((id) => summaries[id].slug));
    const same = ours.size === theirs.size && [...ours].every((s) => theirs.has(s));
    out.queries.push({ q, page: count, native: ours.size, indexed: native.get(q).indexed, minisearch: theirs.size, same, ours: warm.dom - warm.pause, theirs: msResults[q].time });
  }
  await page.context().close();
}
out.encodings = [...encodings];
await browser.close();
server.close();

// ---- report ------------------------------------------------------------------------------
console.log(`\n## Search benchmark: ${summaries.length} articles (${opt.paper}), served with ${out.encodings.join('/')}\n`);
for (const [name, k] of Object.entries(out.keystrokes)) {
  console.log(`Per keystroke, searching ${name} (${k.n} keystrokes of 20 queries; from keydown to the results in the DOM / next frame):`);
  console.log(`  DOM: median ${ms(k.dom.median)}, p95 ${ms(k.dom.p95)};  next frame: median ${ms(k.frame.median)}, p95 ${ms(k.frame.p95)}\n`);
}
console.log('One-word body search (fresh context; index pages already in):');
console.log('| word (articles holding it) | results | search/ files | transferred | results after last shard | total cold | warm | snippets (after) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const b of out.body) {
  console.log(`| ${b.word} (${b.df}) | ${b.count} | ${b.files.join(', ')} | ${kb(b.transfer)} | ${ms(b.afterShards)} | ${ms(b.coldTotal)} | ${ms(b.warm)} | ${kb(b.snippetBytes)} |`);
}
console.log(`\nMemory with the ${summaries.length}-article index: JS heap ${(out.heap.jsUsed / 1e6).toFixed(1)} MB used + WASM memory ${(out.heap.wasm / 1e6).toFixed(1)} MB = ${(out.heap.total / 1e6).toFixed(1)} MB`);
const m = out.minisearch;
console.log(`\nMiniSearch ${JSON.parse(readFileSync(join(ROOT, 'node_modules/minisearch/package.json'))).version}: index ${kb(m.raw)} JSON, ${kb(m.gzip)} gzip, ${kb(m.brotli)} brotli; transferred ${kb(m.transfer)}; fetch ${ms(m.fetch)} + loadJSON ${ms(m.load)}; JS heap ${(m.jsHeap / 1e6).toFixed(1)} MB; built in node in ${(m.build / 1000).toFixed(1)} s`);
console.log('\n| query | results (page / native) | MiniSearch | same set | ours, warm (URL → DOM) | MiniSearch search() |');
console.log('|---|---|---|---|---|---|');
for (const q of out.queries) console.log(`| ${q.q} | ${q.page} / ${q.native}${q.indexed ? '' : ' (no index!)'} | ${q.minisearch} | ${q.same && q.page === q.native ? 'yes' : 'NO'} | ${ms(q.ours)} | ${ms(q.theirs)} |`);
const oursMed = median(out.queries.map((q) => q.ours)), theirsMed = median(out.queries.map((q) => q.theirs));
const bytesMed = median(out.body.map((b) => b.transfer));
console.log(`\nMedians: ours ${ms(oursMed)} (whole update: URL → ranked, rendered page) vs MiniSearch ${ms(theirsMed)} (search() alone): ${(oursMed / theirsMed).toFixed(2)}×`);
console.log(`Bytes for a one-word body search: ours ${kb(bytesMed)} (median, cold) vs MiniSearch's whole index ${kb(m.transfer)}: ${(bytesMed / m.transfer).toFixed(3)}×`);
console.log(`Equal result sets: ${out.queries.filter((q) => q.same && q.page === q.native).length} of ${out.queries.length}`);
if (errors.length) console.log(`\nPAGE ERRORS: ${errors.join('; ')}`);
if (opt.json) writeFileSync(opt.json, JSON.stringify(out, null, 2));
