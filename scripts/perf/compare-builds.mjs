// Lighthouse on the sample article page of two builds, alternating run by run so both see
// the same machine load: how to tell whether a change moved TBT or LCP on a noisy machine.
//
//   node scripts/perf/compare-builds.mjs BEFORE_DIST AFTER_DIST [runs=5]
//
// Each DIST is a release build with its prerendered pages (docs/performance.md), served as
// `--report` serves it (prerendered, brotli, the strict CSP). To get a BEFORE_DIST of an
// older commit: `git worktree add /tmp/before <commit>`, then build it there with its own
// CARGO_TARGET_DIR. Prints every run and the medians.
import { serve } from '../../tests/e2e/server.mjs';
import { lighthouseRuns, median } from './budgets.mjs';
import budgets from './budgets.json' with { type: 'json' };

const [before, after, runsArg] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/perf/compare-builds.mjs BEFORE_DIST AFTER_DIST [runs]');
  process.exit(2);
}
const runs = Number(runsArg || 5);
const servers = [
  ['before', await serve(before, { prerendered: true, compress: true, csp: true })],
  ['after', await serve(after, { prerendered: true, compress: true, csp: true })],
];
const results = { before: [], after: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const [name, server] of servers) {
      console.log(`${name}, run ${i + 1}/${runs}:`);
      results[name].push(await lighthouseRuns(server.url + budgets.page, 1));
    }
  }
} finally {
  for (const [, server] of servers) await server.close();
}
for (const name of ['before', 'after']) {
  const m = (k) => median(results[name].map((r) => r[k]));
  console.log(`${name.padEnd(6)} median of ${runs}: performance ${m('performance')}, LCP ${Math.round(m('lcp'))} ms, ` +
    `TBT ${Math.round(m('tbt'))} ms, CLS ${m('cls').toFixed(3)}, benchmarkIndex ${Math.round(m('benchmarkIndex'))}`);
}
