// Live coverage's budgets (issue 15), measured in Debian's Chromium against a copy of dist/
// whose live blog the script changes between polls (docs/performance.md § Live coverage):
//
//   node scripts/perf/bench-live.mjs [POLLS]     # 500 by default: ≈ 9 minutes (a poll a second)
//
// 1. an unchanged poll on the wire: request and response bytes, headers included (CDP);
// 2. a new update painted after its response arrived: the poll's `responseEnd` (Resource
//    Timing) to the first frame that shows the update, 20 updates;
// 3. 200 updates on one page: frames while the page scrolls through them for 4 s;
// 4. memory over POLLS polls (every tenth brings an update): the JS heap after a forced
//    garbage collection, the WASM memory and the DOM's node count, early and at the end.
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tests/e2e/server.mjs';

const POLLS = Number(process.argv[2]) || 500;
const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));
const PATH = '/world/north-sea-storm-live';
const FILE = 'api/articles/north-sea-storm-live.json';
const parent = mkdtempSync(join(tmpdir(), 'meridian-bench-live-'));
const dir = join(parent, 'dist');
cpSync(realpathSync(DIST), dir, { recursive: true });
const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
writeFileSync(join(dir, 'site.json'), JSON.stringify({ ...site, live_poll_seconds: 1 }));
for (const suffix of ['.br', '.gz']) rmSync(join(dir, 'site.json' + suffix), { force: true });
const original = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
let serial = 0;
const update = () => {
  serial += 1;
  return {
    id: `bench-${serial}`, published: new Date().toISOString(), title: `Update ${serial}`,
    body: [{ type: 'paragraph', text: `Update number ${serial}: the tide gauge, the barriers and the ferries, as of now. `.repeat(3) }],
  };
};
const write = (updates) => writeFileSync(join(dir, FILE), JSON.stringify({ ...original, live: { ...original.live, updates } }));

const server = await serve(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const results = {};

async function open(viewport = { width: 390, height: 800 }) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // The WASM memories, to read their size.
    window.__memories = [];
    const keep = (r) => { const m = (r.instance ?? r).exports?.memory; if (m) window.__memories.push(m); return r; };
    const [s, i] = [WebAssembly.instantiateStreaming, WebAssembly.instantiate];
    WebAssembly.instantiateStreaming = (...a) => s.apply(WebAssembly, a).then(keep);
    WebAssembly.instantiate = (...a) => i.apply(WebAssembly, a).then(keep);
  });
  await page.goto(server.url + PATH);
  await page.getByRole('region', { name: 'Live updates' }).waitFor();
  return page;
}

// 1. An unchanged poll on the wire.
{
  write(original.live.updates);
  const page = await open();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const polls = new Map();
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const bytes = Object.entries(e.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    polls.set(e.requestId, { ...(polls.get(e.requestId) ?? {}), sent: bytes + 64 });
  });
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.url.endsWith('north-sea-storm-live.json')) polls.set(e.requestId, { ...(polls.get(e.requestId) ?? {}), status: e.response.status, poll: true });
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (polls.get(e.requestId)?.poll) polls.set(e.requestId, { ...polls.get(e.requestId), received: e.encodedDataLength });
  });
  const before = server.requests.length;
  await sleep(6500);
  const done = [...polls.values()].filter((p) => p.poll && p.received !== undefined);
  const wire = done.map((p) => p.sent + p.received);
  // The browser reports a revalidated copy as the 200 it serves from its cache; the server
  // says what went over the wire.
  const answered = server.requests.slice(before).filter((r) => r.path.endsWith('north-sea-storm-live.json'));
  results.unchangedPoll = { polls: done.length, serverAnswered: [...new Set(answered.map((r) => r.status))], bytesOnTheWire: { median: median(wire), max: Math.max(...wire) } };
  await page.context().close();
}

// 2. A new update painted after its response arrived (the reader above the stream).
{
  const updates = [...original.live.updates];
  write(updates);
  const page = await open();
  const lags = [];
  for (let i = 0; i < 20; i++) {
    const next = update();
    updates.unshift(next);
    write(updates);
    const lag = await page.evaluate(async (id) => {
      const painted = await new Promise((ok) => {
        const seen = () => document.getElementById(`update-${id}`);
        const wait = () => (seen() ? requestAnimationFrame(() => ok(performance.now())) : requestAnimationFrame(wait));
        wait();
      });
      const polls = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('north-sea-storm-live.json') && r.responseEnd <= painted);
      return painted - polls[polls.length - 1].responseEnd;
    }, next.id);
    lags.push(lag);
  }
  results.newUpdatePainted = { updates: lags.length, msAfterResponse: { median: +median(lags).toFixed(1), p95: +p95(lags).toFixed(1), max: +Math.max(...lags).toFixed(1) } };
  await page.context().close();
}

// 3. 200 updates on one page, scrolled through.
{
  const many = [];
  for (let i = 0; i < 200; i++) many.push(update());
  write(many.reverse());
  const page = await open({ width: 1280, height: 900 });
  await page.locator('.live__stream .update').nth(199).waitFor({ state: 'attached' });
  const frames = await page.evaluate(async () => {
    const times = [];
    const end = performance.now() + 4000;
    await new Promise((ok) => {
      const step = (t) => {
        times.push(t);
        window.scrollBy(0, 40);
        if (t < end) requestAnimationFrame(step); else ok();
      };
      requestAnimationFrame(step);
    });
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    return { fps: (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000), longest: Math.max(...gaps), over20ms: gaps.filter((g) => g > 20).length, frames: gaps.length, scrolled: scrollY };
  });
  results.scroll200 = { updates: await page.locator('.update').count(), ...frames, fps: +frames.fps.toFixed(1), longest: +frames.longest.toFixed(1) };
  await page.context().close();
}

// 4. Memory over POLLS polls.
{
  const updates = [...original.live.updates];
  write(updates);
  const page = await open();
  const measure = async () => {
    await page.evaluate(() => window.gc?.());
    return page.evaluate(() => ({
      jsHeap: performance.memory.usedJSHeapSize,
      wasm: window.__memories.reduce((n, m) => n + m.buffer.byteLength, 0),
      nodes: document.getElementsByTagName('*').length,
    }));
  };
  const count = () => server.requests.filter((r) => r.path.endsWith('north-sea-storm-live.json')).length;
  const start = count();
  let early = null;
  let last = start;
  while (count() - start < POLLS) {
    if (count() !== last) {
      last = count();
      const n = last - start;
      if (n % 10 === 0) {
        // Keep the stream at its size: an update in, the oldest out.
        updates.unshift(update());
        updates.pop();
        write(updates);
      }
      if (n === 50) early = await measure();
    }
    await sleep(100);
  }
  const late = await measure();
  results.memory = { polls: POLLS, afterPoll50: early, afterLastPoll: late };
  await page.context().close();
}

await browser.close();
await server.close();
rmSync(parent, { recursive: true, force: true });
console.log(JSON.stringify({ measured: new Date().toISOString(), ...results }, null, 2));
