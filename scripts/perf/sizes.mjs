// The raw, gzip -9 and brotli -11 size of every built asset (wasm, js, css, the shell's html)
// of a release build; given two builds, the brotli sizes side by side and the change.
//
//   node scripts/perf/sizes.mjs [DIST=dist] [AFTER_DIST]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** Asset name without its content hash → sizes. */
function sizes(dir) {
  const out = new Map();
  for (const name of readdirSync(dir).filter((n) => /\.(wasm|js|css|html)$/.test(n))) {
    const b = readFileSync(join(dir, name));
    const brotli = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    out.set(name.replace(/-[0-9a-f]{16}/, ''), { raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli });
  }
  return out;
}

const [before, after] = [process.argv[2] || 'dist', process.argv[3]].map((d) => d && sizes(d));
const sum = (m, k) => [...m.values()].reduce((s, r) => s + r[k], 0);
if (!after) {
  console.table([...before].map(([name, s]) => ({ name, ...s })));
  console.log(`total: ${sum(before, 'raw')} raw, ${sum(before, 'gzip')} gzip, ${sum(before, 'brotli')} brotli bytes`);
} else {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  console.table(names.map((name) => ({
    name,
    'brotli before': before.get(name)?.brotli ?? '-',
    'brotli after': after.get(name)?.brotli ?? '-',
    change: (after.get(name)?.brotli ?? 0) - (before.get(name)?.brotli ?? 0),
  })));
  console.log(`total brotli: ${sum(before, 'brotli')} → ${sum(after, 'brotli')} bytes`);
}
