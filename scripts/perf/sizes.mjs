// Prints the raw, gzip -9 and brotli -11 size of every built asset in dist/ (run after a release build):
//   node scripts/perf/sizes.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = new URL('../../dist/', import.meta.url).pathname;
const rows = readdirSync(dir)
  .filter((n) => /\.(wasm|js|css|html)$/.test(n))
  .map((name) => {
    const b = readFileSync(dir + name);
    const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { name: name.replace(/-[0-9a-f]{16}/, ''), raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: br };
  });
console.table(rows);
const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
console.log(`total: ${sum('raw')} raw, ${sum('gzip')} gzip, ${sum('brotli')} brotli bytes`);
