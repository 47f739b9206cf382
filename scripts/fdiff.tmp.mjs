import { readFileSync } from 'node:fs';
import { readWasm, demangle } from './wasm-crates.mjs';
const load = (f) => { const w = readWasm(readFileSync(f)); const m = new Map();
  for (const fn of w.funcs) { const n = demangle(fn.name ?? ''); m.set(n, (m.get(n) || 0) + (fn.size ?? fn.bytes ?? 0)); } return m; };
const a = load(process.argv[2]), b = load(process.argv[3]);
const rows = [];
for (const [n, s] of b) { const d = s - (a.get(n) || 0); if (d) rows.push([d, n]); }
for (const [n, s] of a) if (!b.has(n)) rows.push([-s, n]);
rows.sort((x, y) => y[0] - x[0]);
let tot = 0; for (const r of rows) tot += r[0];
console.log('total', tot);
for (const r of rows.slice(0, 40)) console.log(r[0], r[1].slice(0, 150));
