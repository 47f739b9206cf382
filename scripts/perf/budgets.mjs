// Performance budgets (issue 12, static-first pages), measured on the sample article page as a
// reader's first view.
//
//   node scripts/perf/budgets.mjs --check-bytes DIST   bytes only (deterministic, ~5 s): fails when they
//                                                  grow past the ratchet ceiling of budgets.json
//   node scripts/perf/budgets.mjs --bytes DIST         the same table, never fails
//   node scripts/perf/budgets.mjs --bytes DIST ROUTE   the same table for another page (`/`, `/world`)
//   node scripts/perf/budgets.mjs --report DIST        bytes, Lighthouse (ours, a static page and the
//                                                  one-file floor, 5 runs each), the first in-app
//                                                  navigation (the takeover) and later ones; writes
//                                                  the tables into docs/performance.md (~10 min)
//   node scripts/perf/budgets.mjs --ratchet DIST       sets the ceiling to today's bytes + 2%
//
// DIST is a release build with its prerendered pages (trunk build --release, then the
// publish step). Precompressed siblings are used when fresh and computed otherwise, so
// scripts/perf/precompress.mjs need not have run. Bytes: which files the first view loads comes
// from Chromium (every request the page makes until the network is idle, service worker
// blocked; scripts/perf/budgets.json `page`), served prerendered by tests/e2e/server.mjs;
// how many bytes each costs is the brotli-11 size of the file on disk (what a host with
// precompressed files sends; HTTP headers not counted). Pictures are listed but not counted
// (the issue's total is HTML + JS + WASM + CSS + JSON + fonts).
import { readFileSync, writeFileSync, statSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, extname, dirname, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve } from '../../tests/e2e/server.mjs';
import { brotli, gzip, precompress, COMPRESSIBLE } from './precompress.mjs';
import { writeStaticArticle } from './static-article.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUDGETS_FILE = join(ROOT, 'scripts/perf/budgets.json');
const DOC = join(ROOT, 'docs/performance.md');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
const NAVIGATIONS = Number(process.env.NAVIGATIONS || 20);

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const die = (msg) => { console.error(`budgets: ${msg}`); process.exit(2); };
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };

export function launch() {
  if (!existsSync(CHROME)) die(`no Chromium at ${CHROME}: install Debian's chromium (scripts/setup --browser) or set CHROME_PATH`);
  return chromium.launch({ executablePath: CHROME, args: FLAGS.filter((f) => f !== '--headless') });
}

/** The encoded size of one file as a compressing host sends it: a fresh sibling, else computed. */
function encoded(file) {
  const source = statSync(file);
  if (!COMPRESSIBLE.has(extname(file))) return { raw: source.size, br: source.size, gz: source.size };
  const out = {};
  for (const [key, suffix, make] of [['br', '.br', (b) => brotli(b, extname(file))], ['gz', '.gz', gzip]]) {
    const sibling = file + suffix;
    if (existsSync(sibling) && statSync(sibling).mtimeMs >= source.mtimeMs) out[key] = statSync(sibling).size;
    else out[key] = Math.min(source.size, make(readFileSync(file)).length);
  }
  return { raw: source.size, ...out };
}

function kindOf(path) {
  const ext = extname(path);
  if (/\/data-[0-9a-f]+\.js$/.test(path)) return 'data-js';
  return { '.html': 'html', '.js': 'js', '.wasm': 'wasm', '.css': 'css', '.json': 'json',
    '.woff2': 'font', '.woff': 'font', '.ttf': 'font', '.otf': 'font' }[ext] ?? (ext ? 'other' : 'html');
}
const COUNTED = ['html', 'js', 'data-js', 'wasm', 'css', 'json', 'font'];

/** Calls `fn(page, server)` with `dir` served prerendered with compression and a fresh phone-sized
 * page (service worker blocked), in `browser` or a browser of its own; cleans up after. */
async function withPage(dir, browser, fn) {
  const server = await serve(dir, { prerendered: true, compress: true });
  const own = !browser;
  browser ??= await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
    try {
      return await fn(await context.newPage(), server);
    } finally {
      await context.close();
    }
  } finally {
    if (own) await browser.close();
    await server.close();
  }
}

/** Which files `route` loads in Chromium on a first view of `dir`, and what they cost. */
export async function measureBytes(dir, route, { browser } = {}) {
  return withPage(dir, browser, async (page, server) => {
    const urls = new Set();
    page.on('request', (r) => urls.add(r.url()));
    await page.goto(server.url + route, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const rows = [];
    for (const url of urls) {
      const u = new URL(url);
      if (u.origin !== server.url) { rows.push({ url, kind: 'other', raw: 0, br: 0, gz: 0, note: 'other origin' }); continue; }
      // The server's lookup: a directory is its index.html, an unknown page route the shell.
      let file = join(dir, normalize(decodeURIComponent(u.pathname)));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) file = extname(u.pathname) ? null : join(dir, '404.html');
      if (!file) { rows.push({ url: u.pathname, kind: 'missing', raw: 0, br: 0, gz: 0 }); continue; }
      rows.push({ url: u.pathname, kind: u.pathname === new URL(server.url + route).pathname ? 'html' : kindOf(file), ...encoded(file) });
    }
    const totals = { raw: 0, br: 0, gz: 0 };
    for (const r of rows) if (COUNTED.includes(r.kind)) for (const k of Object.keys(totals)) totals[k] += r[k];
    const wasm = rows.filter((r) => r.kind === 'wasm').reduce((s, r) => s + r.br, 0);
    return { route, rows, totals, wasm };
  });
}

function printBytes(m) {
  const table = m.rows.map((r) => ({ file: r.url.replace(/-[0-9a-f]{16}/, '-…'), kind: r.kind, raw: r.raw, gzip: r.gz, brotli: r.br, counted: COUNTED.includes(r.kind) ? 'yes' : 'no' }));
  console.table(table);
  console.log(`first view of ${m.route}: ${kb(m.totals.br)} brotli (${kb(m.totals.gz)} gzip, ${kb(m.totals.raw)} raw) in ${m.rows.filter((r) => COUNTED.includes(r.kind)).length} files; WASM ${kb(m.wasm)} brotli`);
}

function checkBytes(m, budgets) {
  const { ceiling, targets } = budgets;
  let failed = false;
  for (const [key, value, label] of [['total_compressed_bytes', m.totals.br, 'total (brotli)'], ['wasm_brotli_bytes', m.wasm, 'WASM (brotli)']]) {
    if (!ceiling[key]) { console.log(`budgets: no ceiling for ${label} yet: run --ratchet`); continue; }
    if (value > ceiling[key]) {
      failed = true;
      console.error(`budgets: REGRESSION: ${label} is ${value} bytes (${kb(value)}), over the ceiling of ${ceiling[key]} (${kb(ceiling[key])}) in scripts/perf/budgets.json`);
    } else {
      console.log(`budgets: ${label} ${kb(value)} ≤ ceiling ${kb(ceiling[key])}: ok`);
    }
    if (value > targets[key]) console.log(`budgets: note: the target for ${label} is ${kb(targets[key])}, not met yet (${kb(value - targets[key])} over)`);
    else console.log(`budgets: the target for ${label} (${kb(targets[key])}) is met`);
  }
  return !failed;
}

// ---- Lighthouse ---------------------------------------------------------------------------

// What Lighthouse names as the LCP element and the layout shifts: where to look first.
function lcpElement(lhr) {
  const items = lhr.audits['largest-contentful-paint-element']?.details?.items ?? [];
  const node = items.flatMap((i) => i.items ?? [i]).find((i) => i.node)?.node;
  return node ? `${node.selector} "${(node.nodeLabel ?? '').slice(0, 50)}"` : null;
}
function shifts(lhr) {
  const items = lhr.audits['layout-shifts']?.details?.items ?? [];
  return items.map((i) => `${i.node?.selector ?? '?'} (${Number(i.score).toFixed(3)})`);
}

export async function lighthouseRuns(url, runs) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const results = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
    try {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const a = (id) => lhr.audits[id]?.numericValue;
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const run = { performance: score('performance'), accessibility: score('accessibility'),
        best_practices: score('best-practices'), seo: score('seo'),
        fcp: a('first-contentful-paint'), lcp: a('largest-contentful-paint'), cls: a('cumulative-layout-shift'),
        tbt: a('total-blocking-time'), si: a('speed-index'), benchmarkIndex: lhr.environment?.benchmarkIndex,
        observedFcp: lhr.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint,
        observedLcp: lhr.audits.metrics?.details?.items?.[0]?.observedLargestContentfulPaint,
        version: lhr.lighthouseVersion, lcpElement: lcpElement(lhr), shifts: shifts(lhr),
        failing: Object.values(lhr.categories).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1).map((r) => `${c.id}:${r.id}`)) };
      results.push(run);
      console.log(`  run ${i + 1}/${runs}: perf ${run.performance}, FCP ${Math.round(run.fcp)} ms, LCP ${Math.round(run.lcp)} ms, CLS ${run.cls.toFixed(3)}, TBT ${Math.round(run.tbt)} ms, benchmarkIndex ${Math.round(run.benchmarkIndex)}`);
    } finally {
      await chrome.kill();
    }
  }
  const med = {};
  for (const k of ['performance', 'accessibility', 'best_practices', 'seo', 'fcp', 'lcp', 'cls', 'tbt', 'si', 'benchmarkIndex', 'observedFcp', 'observedLcp']) med[k] = median(results.map((r) => r[k]));
  med.version = results[0]?.version;
  med.failing = [...new Set(results.flatMap((r) => r.failing))];
  med.benchmarkIndexes = results.map((r) => Math.round(r.benchmarkIndex));
  med.lcpElements = [...new Set(results.map((r) => r.lcpElement).filter(Boolean))];
  med.shifts = [...new Set(results.flatMap((r) => r.shifts))];
  return med;
}

// ---- Client-side navigation ---------------------------------------------------------------

/** Clicks a link to `href` (as a reader would: the live loader or the router intercepts it) and
 * resolves the moments the visible page has the new headline, in the DOM and at the next
 * animation frame (≈ painted), from the `responseEnd` of `slug`'s JSON. */
function navigate(page, { href, title, slug }) {
  return page.evaluate(({ href, title, slug }) => new Promise((resolve) => {
    performance.clearResourceTimings();
    let done = false;
    const mo = new MutationObserver(() => {
      // A takeover renders out of sight first (`<div id="takeover" hidden>`): only a shown
      // headline counts.
      const h1 = [...document.querySelectorAll('h1')].find((h) => h.textContent.trim() === title && !h.closest('[hidden]'));
      if (done || !h1) return;
      done = true;
      mo.disconnect();
      const dom = performance.now();
      requestAnimationFrame(() => {
        const frame = performance.now();
        setTimeout(() => {
          const e = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname.endsWith(`/articles/${slug}.json`));
          resolve({ dom, frame, responseEnd: e ? e.responseEnd : null });
        }, 50);
      });
    });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
    const a = document.createElement('a');
    a.href = href;
    a.textContent = title;
    document.body.append(a);
    a.click();
    a.remove();
  }), { href, title, slug });
}

/** Articles of `dir` other than the one at `route`. */
function otherArticles(dir, route, count) {
  const start = route.split('/').pop();
  const index = JSON.parse(readFileSync(join(dir, 'api/articles.json'), 'utf8')).articles;
  const targets = index.filter((a) => a.slug !== start).slice(0, count);
  if (targets.length < count) die(`only ${targets.length} other articles in ${dir}/api/articles.json`);
  return targets;
}

const summary = (samples) => {
  const frames = samples.map((s) => s.frame);
  const doms = samples.map((s) => s.dom);
  return { count: samples.length, samples, median: median(frames), p95: percentile(frames, 0.95), max: Math.max(...frames),
    domMedian: median(doms), domP95: percentile(doms, 0.95) };
};

/** Timings of client-side navigations from the prerendered page at `route`: the first (the app
 * takes the page over; `runs` fresh pages, at `cpu`× CPU slow-down) and, after it, `count`
 * article → article navigations. */
export async function measureNavigation(dir, route, count, { browser, runs = 5, cpu = 1 } = {}) {
  const targets = otherArticles(dir, route, count + 1);
  const first = [];
  let later = null;
  for (let run = 0; run < runs; run++) {
    await withPage(dir, browser, async (page, server) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      if (cpu > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
      await page.goto(server.url + route, { waitUntil: 'load' });
      await page.locator('.masthead__date').filter({ hasText: /\d{4}/ }).waitFor(); // the live parts ran
      await page.waitForLoadState('networkidle');
      const sample = async (t) => {
        const s = await navigate(page, { href: `${server.url}/${t.category}/${t.slug}`, title: t.title, slug: t.slug });
        if (s.responseEnd === null) die(`navigation to ${t.slug}: no resource timing for its JSON (served from a cache?)`);
        return { slug: t.slug, dom: s.dom - s.responseEnd, frame: s.frame - s.responseEnd };
      };
      first.push(await sample(targets[0]));
      if (run === 0 && cpu === 1) {
        const samples = [];
        for (const t of targets.slice(1)) samples.push(await sample(t));
        later = summary(samples);
      }
      if (errors.length) die(`errors in the page: ${errors.join('; ')}`);
    });
  }
  return { first: summary(first), later, cpu };
}

// ---- Report ---------------------------------------------------------------------------------

function reportMarkdown({ bytes, staticBytes, ours, stat, floor, others, nav, slowNav, budgets, date, dist }) {
  const t = budgets.targets;
  const lt = t.lighthouse;
  const ms = (n) => `${Math.round(n)} ms`;
  const mark = (ok) => (ok ? '✅' : '❌');
  const fcpRatio = ours.fcp / floor.fcp;
  const lcpRatio = ours.lcp / floor.lcp;
  const kinds = {};
  for (const r of bytes.rows) { kinds[r.kind] ??= { n: 0, raw: 0, gz: 0, br: 0 }; const k = kinds[r.kind]; k.n++; k.raw += r.raw; k.gz += r.gz; k.br += r.br; }
  const lines = [];
  let commit = '';
  try { commit = execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  lines.push(`Measured ${date}${commit ? ` (repo at ${commit})` : ''} with \`node scripts/perf/budgets.mjs --report ${dist}\` on this repo's shared 2-core machine:`);
  lines.push(`timings are noisy, so each is the median of ${RUNS} Lighthouse runs (a fresh Chromium each) or of`);
  lines.push(`${nav.later.count} navigations. Lighthouse ${ours.version}, mobile preset (simulated slow 4G, 4× CPU slow-down), Debian's Chromium.`);
  lines.push(`benchmarkIndex per run (ours): ${ours.benchmarkIndexes.join(', ')}; static: ${stat.benchmarkIndexes.join(', ')}; floor: ${floor.benchmarkIndexes.join(', ')}.`);
  lines.push('');
  lines.push(`### Bytes of the first view of \`${budgets.page}\` (prerendered, brotli)`);
  lines.push('');
  lines.push('| Kind | Files | Raw | gzip -9 | brotli 11 |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const k of [...COUNTED, 'other']) if (kinds[k]) lines.push(`| ${k}${COUNTED.includes(k) ? '' : ' (pictures, icons: not counted)'} | ${kinds[k].n} | ${kb(kinds[k].raw)} | ${kb(kinds[k].gz)} | ${kb(kinds[k].br)} |`);
  lines.push(`| **Total counted** | | ${kb(bytes.totals.raw)} | ${kb(bytes.totals.gz)} | **${kb(bytes.totals.br)}** |`);
  lines.push('');
  lines.push('| Budget | Target | Ratchet ceiling | Measured | |');
  lines.push('|---|---:|---:|---:|---|');
  lines.push(`| Total, compressed | ${kb(t.total_compressed_bytes)} | ${kb(budgets.ceiling.total_compressed_bytes)} | ${kb(bytes.totals.br)} | ${mark(bytes.totals.br <= t.total_compressed_bytes)} |`);
  lines.push(`| WASM, brotli | ${kb(t.wasm_brotli_bytes)} | ${kb(budgets.ceiling.wasm_brotli_bytes)} | ${kb(bytes.wasm)} | ${mark(bytes.wasm <= t.wasm_brotli_bytes)} |`);
  lines.push(`| Bytes ratio ours / static page | | | ${(bytes.totals.br / staticBytes.totals.br).toFixed(1)}× (${kb(bytes.totals.br)} / ${kb(staticBytes.totals.br)}) | |`);
  lines.push('');
  lines.push(`### Lighthouse, median of ${RUNS}`);
  lines.push('');
  lines.push('The static page is the article as hand-written HTML with the built stylesheet and its pictures; the floor is');
  lines.push('the same article as one HTML file with its CSS inline, no picture and no script (`scripts/perf/static-article.mjs`).');
  lines.push('');
  lines.push('| Metric | Target | Ours (prerendered, live parts) | Static HTML page | Floor | |');
  lines.push('|---|---:|---:|---:|---:|---|');
  const row = (name, target, f, ok) => lines.push(`| ${name} | ${target} | ${f(ours)} | ${f(stat)} | ${f(floor)} | ${ok === undefined ? '' : mark(ok)} |`);
  row('Performance', `≥ ${lt.performance}`, (r) => r.performance, ours.performance >= lt.performance);
  row('FCP', '', (r) => ms(r.fcp));
  row('LCP', '', (r) => ms(r.lcp));
  lines.push(`| FCP / LCP ratio ours / floor | ≤ ${lt.fcp_ratio_to_static}× | ${fcpRatio.toFixed(2)}× / ${lcpRatio.toFixed(2)}× | | 1× | ${mark(fcpRatio <= lt.fcp_ratio_to_static && lcpRatio <= lt.lcp_ratio_to_static)} |`);
  row('CLS', `≤ ${lt.cls}`, (r) => r.cls.toFixed(3), ours.cls <= lt.cls);
  row('TBT', `≤ ${ms(lt.tbt_ms)}`, (r) => ms(r.tbt), ours.tbt <= lt.tbt_ms);
  row('Observed FCP / LCP (the unthrottled trace the simulation starts from)', '', (r) => `${ms(r.observedFcp)} / ${ms(r.observedLcp)}`);
  row('Speed Index', '', (r) => ms(r.si));
  row('Accessibility', lt.accessibility, (r) => r.accessibility, ours.accessibility >= lt.accessibility);
  row('Best practices', lt.best_practices, (r) => r.best_practices, ours.best_practices >= lt.best_practices);
  row('SEO', lt.seo, (r) => r.seo, ours.seo >= lt.seo);
  row('benchmarkIndex (median)', '', (r) => Math.round(r.benchmarkIndex));
  lines.push('');
  if (ours.lcpElements.length) { lines.push(`LCP element (ours): ${ours.lcpElements.map((e) => `\`${e}\``).join('; ')}; static: ${stat.lcpElements.map((e) => `\`${e}\``).join('; ')}.`); lines.push(''); }
  if (ours.shifts.length) { lines.push(`Layout shifts (ours, element and score): ${ours.shifts.map((e) => `\`${e}\``).join(', ')}.`); lines.push(''); }
  if (ours.failing.length) { lines.push(`Audits that cost ours points in some run: ${ours.failing.map((f) => `\`${f}\``).join(', ')}.`); lines.push(''); }
  lines.push(`### Other prerendered pages, Lighthouse, median of ${RUNS}`);
  lines.push('');
  lines.push('| Page | Performance | FCP | LCP | CLS | TBT | |');
  lines.push('|---|---:|---:|---:|---:|---:|---|');
  for (const o of others) {
    const ok = o.performance >= lt.performance && o.cls <= lt.cls && o.tbt <= lt.tbt_ms;
    lines.push(`| \`${o.route}\` | ${o.performance} | ${ms(o.fcp)} | ${ms(o.lcp)} | ${o.cls.toFixed(3)} | ${ms(o.tbt)} | ${mark(ok)} |`);
  }
  lines.push('');
  lines.push('### Client-side navigation from a prerendered article');
  lines.push('');
  lines.push('From the new article JSON\'s `responseEnd` to the new headline shown (in the DOM, and at the next animation');
  lines.push(`frame, ≈ painted). The first navigation is the takeover (the app starts and renders the route; ${nav.first.count} fresh pages each).`);
  lines.push('');
  lines.push('| Navigation | In the DOM, median | Painted, median | p95 | Max | Target |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  lines.push(`| first (takeover), unthrottled | ${ms(nav.first.domMedian)} | ${ms(nav.first.median)} | ${ms(nav.first.p95)} | ${ms(nav.first.max)} | ≤ ${t.first_navigation_ms} ms ${mark(nav.first.median <= t.first_navigation_ms)} |`);
  lines.push(`| first (takeover), ${slowNav.cpu}× CPU | ${ms(slowNav.first.domMedian)} | ${ms(slowNav.first.median)} | ${ms(slowNav.first.p95)} | ${ms(slowNav.first.max)} | reported |`);
  lines.push(`| later, article → article (${nav.later.count}) | ${ms(nav.later.domMedian)} | ${ms(nav.later.median)} | ${ms(nav.later.p95)} | ${ms(nav.later.max)} | ≤ ${t.navigation_ms} ms ${mark(nav.later.p95 <= t.navigation_ms)} |`);
  return lines.join('\n');
}

function writeReport(markdown) {
  const begin = '<!-- budgets:begin (written by node scripts/perf/budgets.mjs --report) -->';
  const end = '<!-- budgets:end -->';
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n\n';
  const block = `${begin}\n${markdown}\n${end}`;
  const i = doc.indexOf(begin.slice(0, 20)), j = doc.indexOf(end);
  doc = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, doc);
}

// ---- Main -----------------------------------------------------------------------------------

async function main() {
  const [mode, dist, route] = process.argv.slice(2);
  const modes = ['--check-bytes', '--bytes', '--report', '--ratchet'];
  if (!modes.includes(mode) || !dist) die(`usage: node scripts/perf/budgets.mjs ${modes.join('|')} DIST  (or --bytes DIST ROUTE)`);
  const budgets = JSON.parse(readFileSync(BUDGETS_FILE, 'utf8'));
  if (mode === '--bytes' && route) return printBytes(await measureBytes(dist, route));
  const page = join(dist, budgets.page, 'index.html');
  if (!existsSync(page)) die(`${page} does not exist: DIST must be a release build with its prerendered pages (trunk build --release --offline, then cargo run --no-default-features --features ssr --bin publish -- DIST)`);

  const bytes = await measureBytes(dist, budgets.page);
  printBytes(bytes);
  if (mode === '--ratchet') {
    budgets.ceiling.total_compressed_bytes = Math.ceil(bytes.totals.br * 1.02 / 1000) * 1000;
    budgets.ceiling.wasm_brotli_bytes = Math.ceil(bytes.wasm * 1.02 / 1000) * 1000;
    writeFileSync(BUDGETS_FILE, `${JSON.stringify(budgets, null, 2)}\n`);
    console.log(`budgets: ceiling set to ${kb(budgets.ceiling.total_compressed_bytes)} total, ${kb(budgets.ceiling.wasm_brotli_bytes)} WASM`);
    return;
  }
  const ok = checkBytes(bytes, budgets);
  if (mode === '--check-bytes') process.exit(ok ? 0 : 1);
  if (mode === '--bytes') return;

  // --report
  const work = mkdtempSync(join(tmpdir(), 'meridian-static-'));
  const floorWork = mkdtempSync(join(tmpdir(), 'meridian-floor-'));
  try {
    writeStaticArticle(dist, work, budgets.page.slice(1));
    writeStaticArticle(dist, floorWork, budgets.page.slice(1), { floor: true });
    precompress(work);
    precompress(floorWork);
    const staticBytes = await measureBytes(work, budgets.page);
    console.log(`static page: ${kb(staticBytes.totals.br)} brotli`);
    console.log(`client-side navigation (the takeover, then ${NAVIGATIONS} more)…`);
    const nav = await measureNavigation(dist, budgets.page, NAVIGATIONS);
    const slowNav = await measureNavigation(dist, budgets.page, 0, { cpu: 4 });
    console.log(`  takeover: median ${nav.first.median.toFixed(1)} ms (${slowNav.first.median.toFixed(1)} ms at 4× CPU); later: median ${nav.later.median.toFixed(1)} ms, p95 ${nav.later.p95.toFixed(1)} ms`);
    const servers = [await serve(dist, { prerendered: true, compress: true, csp: true }),
      await serve(work, { prerendered: true, compress: true }), await serve(floorWork, { prerendered: true, compress: true })];
    const results = [];
    const others = [];
    try {
      for (const [name, server] of [['ours', servers[0]], ['static page', servers[1]], ['floor', servers[2]]]) {
        console.log(`Lighthouse, ${name} (${RUNS} runs)…`);
        results.push(await lighthouseRuns(server.url + budgets.page, RUNS));
      }
      for (const route of budgets.other_pages) {
        console.log(`Lighthouse, ${route} (${RUNS} runs)…`);
        others.push({ route, ...await lighthouseRuns(servers[0].url + route, RUNS) });
      }
    } finally {
      for (const server of servers) await server.close();
    }
    const [ours, stat, floor] = results;
    const date = new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');
    const md = reportMarkdown({ bytes, staticBytes, ours, stat, floor, others, nav, slowNav, budgets, date, dist });
    console.log(`\n${md}\n`);
    writeReport(md);
    writeFileSync(join(ROOT, 'target/budgets-report.json'), JSON.stringify({ date, bytes, staticBytes, ours, stat, floor, nav, slowNav }, null, 2));
    console.log(`budgets: wrote ${DOC} and target/budgets-report.json`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(floorWork, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
