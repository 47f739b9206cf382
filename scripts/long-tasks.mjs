// The main thread's long tasks while the prerendered article page loads and hydrates, in
// Debian's Chromium with the CPU slowed 4× (as Lighthouse's mobile preset assumes), and what
// each is made of: where TBT comes from.
//
//   node scripts/long-tasks.mjs [dist] [runs=5]
//
// Each run: a fresh browser, the page served prerendered with brotli and the strict CSP,
// a trace until 4 s after `load`. A task is a top-level `RunTask` of the renderer's main
// thread of 50 ms or more; "blocking" is the sum of (duration − 50 ms) over those after the
// first contentful paint, as TBT counts it. Prints every run, then the medians. Lighthouse's
// own TBT simulates the network too, so it is not the same number; compare runs of this
// script with each other (docs/performance.md).
import { serve } from '../tests/e2e/server.mjs';
import { launch, median } from './budgets.mjs';
import budgets from './budgets.json' with { type: 'json' };

const dist = process.argv[2] || 'dist';
const runs = Number(process.argv[3] || 5);
// What a task spends its time on, by the trace events inside it that say so.
const PARTS = {
  'wasm compile (streaming)': ['v8.wasm.compileConsume', 'v8.wasm.compileConsumeDone'],
  'wasm lazy compile (first call of a function)': ['wasm.CompileLazy'],
  'script': ['v8.callFunction', 'v8.evaluateModule', 'EvaluateScript'],
  'style and layout': ['UpdateLayoutTree', 'Layout'],
  'HTML parsing': ['ParseHTML'],
};

// The time covered by some events (µs), counting nested or overlapping ones once.
function covered(events) {
  let total = 0, end = -Infinity;
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const from = Math.max(e.ts, end);
    if (e.ts + e.dur > from) total += e.ts + e.dur - from;
    end = Math.max(end, e.ts + e.dur);
  }
  return total;
}

async function once(url) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading'] });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(4000);
    const events = JSON.parse(await browser.stopTracing()).traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
    const fcp = onMain.find((e) => e.name === 'firstContentfulPaint')?.ts ?? 0;
    const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur >= 50000).map((t) => {
      const inside = onMain.filter((e) => e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
      const parts = Object.fromEntries(Object.entries(PARTS).map(([label, names]) =>
        [label, covered(inside.filter((e) => names.includes(e.name))) / 1000]));
      // "script" includes the lazy compiles that happen inside it: report them apart.
      parts.script = Math.max(0, parts.script - parts['wasm lazy compile (first call of a function)']);
      return { start: (t.ts - fcp) / 1000, ms: t.dur / 1000, afterFcp: t.ts >= fcp, parts };
    });
    return tasks;
  } finally {
    await browser.close();
  }
}

const server = await serve(dist, { prerendered: true, compress: true, csp: true });
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const tasks = await once(server.url + budgets.page);
    const blocking = tasks.filter((t) => t.afterFcp).reduce((s, t) => s + t.ms - 50, 0);
    const longest = Math.max(0, ...tasks.filter((t) => t.afterFcp).map((t) => t.ms));
    results.push({ blocking, longest, count: tasks.filter((t) => t.afterFcp).length });
    console.log(`run ${i + 1}: ${tasks.length} long tasks, blocking after FCP ${blocking.toFixed(0)} ms, longest ${longest.toFixed(0)} ms`);
    for (const t of tasks) {
      const parts = Object.entries(t.parts).filter(([, ms]) => ms >= 5).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ');
      console.log(`  ${t.afterFcp ? 'after' : 'before'} FCP ${t.start >= 0 ? '+' : ''}${t.start.toFixed(0)} ms: ${t.ms.toFixed(0)} ms (${parts})`);
    }
  }
} finally {
  await server.close();
}
console.log(`median of ${runs}: blocking after FCP ${median(results.map((r) => r.blocking)).toFixed(0)} ms, ` +
  `longest task ${median(results.map((r) => r.longest)).toFixed(0)} ms, long tasks after FCP ${median(results.map((r) => r.count))}`);
