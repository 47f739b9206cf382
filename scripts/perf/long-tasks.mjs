// The main thread's long tasks while the prerendered article page loads and runs its live
// parts, in Debian's Chromium with the CPU slowed 4× (as Lighthouse's mobile preset assumes),
// and what each is made of: where TBT comes from.
//
//   node scripts/perf/long-tasks.mjs [dist] [runs=5] [--by-crate]
//
// Each run: a fresh browser, the page served prerendered with brotli and the strict CSP,
// a trace until 4 s after `load`. A task is a top-level `RunTask` of the renderer's main
// thread of 50 ms or more; "blocking" is the sum of (duration − 50 ms) over those after the
// first contentful paint, as TBT counts it. Prints every run, then the medians. Lighthouse's
// own TBT simulates the network too, so it is not the same number; compare runs of this
// script with each other (docs/performance.md). Last, how many of the live module's functions
// V8 compiled on their first call, and their code: what start-up runs, the same in every run.
// `--by-crate` splits that code by crate, from a copy of the module with its names
// (`wasm-opt -Oz -g` on the build's wasm-bindgen output in target/, checked to match dist's).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../tests/e2e/server.mjs';
import { launch, median } from './budgets.mjs';
import budgets from './budgets.json' with { type: 'json' };
import { crateOf, readWasm } from './wasm-crates.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--by-crate');
const byCrate = process.argv.includes('--by-crate');
const dist = args[0] || 'dist';
const runs = Number(args[1] || 5);
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
    // Which WASM functions V8 compiled on their first call (all of them, long task or not):
    // unlike the times, the same for every run of a build.
    const compiled = new Set(onMain.filter((e) => e.name === 'wasm.CompileLazy').map((e) => e.args.func_index));
    return { tasks, compiled };
  } finally {
    await browser.close();
  }
}

const server = await serve(dist, { prerendered: true, compress: true, csp: true });
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const { tasks, compiled } = await once(server.url + budgets.page);
    const blocking = tasks.filter((t) => t.afterFcp).reduce((s, t) => s + t.ms - 50, 0);
    const longest = Math.max(0, ...tasks.filter((t) => t.afterFcp).map((t) => t.ms));
    results.push({ blocking, longest, count: tasks.filter((t) => t.afterFcp).length, compiled });
    console.log(`run ${i + 1}: ${tasks.length} long tasks, blocking after FCP ${blocking.toFixed(0)} ms, longest ${longest.toFixed(0)} ms`);
    for (const t of tasks) {
      const parts = Object.entries(t.parts).filter(([, ms]) => ms >= 5).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ');
      console.log(`  ${t.afterFcp ? 'after' : 'before'} FCP ${t.start >= 0 ? '+' : ''}${t.start.toFixed(0)} ms: ${t.ms.toFixed(0)} ms (${parts})`);
    }
  }
} finally {
  await server.close();
}
// The code those functions hold, from the live module's code section.
const wasm = readdirSync(dist).find((f) => /^live-.*_bg\.wasm$/.test(f));
const { funcs, importedFuncs } = readWasm(readFileSync(join(dist, wasm)));
const counts = results.map((r) => r.compiled.size);
const bytes = [...results[0].compiled].reduce((s, i) => s + (funcs[i - importedFuncs]?.size ?? 0), 0);
const code = funcs.reduce((s, f) => s + f.size, 0);
console.log(`WASM functions compiled on first call: ${[...new Set(counts)].join(' / ')} of ${funcs.length}, ` +
  `${(bytes / 1000).toFixed(1)} KB of the live module's ${(code / 1000).toFixed(1)} KB of code`);
if (byCrate) {
  const tmp = mkdtempSync(join(tmpdir(), 'long-tasks-'));
  execFileSync('wasm-opt', ['-Oz', '-g', 'target/wasm-bindgen/live/live_bg.wasm', '-o', join(tmp, 'named.wasm')], { stdio: 'ignore' });
  const named = readWasm(readFileSync(join(tmp, 'named.wasm')));
  rmSync(tmp, { recursive: true });
  if (named.funcs.length !== funcs.length || named.funcs.some((f, i) => f.size !== funcs[i].size)) {
    throw new Error(`target/wasm-bindgen/live is not the build in ${dist}: build it again (trunk build --release)`);
  }
  const crates = new Map();
  for (const i of results[0].compiled) {
    const f = named.funcs[i - importedFuncs];
    if (!f) continue;
    const crate = crateOf(f.name);
    const c = crates.get(crate) ?? { n: 0, bytes: 0 };
    crates.set(crate, { n: c.n + 1, bytes: c.bytes + f.size });
  }
  const rows = [...crates].sort((a, b) => b[1].bytes - a[1].bytes);
  const rest = rows.splice(10).reduce((r, [, c]) => ({ n: r.n + c.n, bytes: r.bytes + c.bytes, crates: r.crates + 1 }), { n: 0, bytes: 0, crates: 0 });
  if (rest.crates) rows.push([`${rest.crates} others`, rest]);
  for (const [crate, c] of rows) {
    console.log(`  ${crate.padEnd(26)} ${String(c.n).padStart(5)} functions ${(c.bytes / 1000).toFixed(1).padStart(6)} KB`);
  }
}
console.log(`median of ${runs}: blocking after FCP ${median(results.map((r) => r.blocking)).toFixed(0)} ms, ` +
  `longest task ${median(results.map((r) => r.longest)).toFixed(0)} ms, long tasks after FCP ${median(results.map((r) => r.count))}`);
