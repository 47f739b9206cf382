// The performance lab's compression: scripts/perf/budgets.mjs counts a file's brotli bytes with
// `brotli` when it has no fresh sibling, and precompresses the pages it builds beside ours
// (the one-file article, the floor) with `precompress`. A paper's own siblings are written
// by the publish step (core/src/publish/compress.rs, docs/publishing.md), not by this script.
//   node scripts/perf/precompress.mjs DIR
// - `.br` at brotli quality 11 (large window, text/generic mode by type), `.gz` at gzip -9,
//   only where smaller; a sibling newer than its source is kept, one whose source is gone
//   is removed. Node's zlib only; prints per-kind and overall totals.
import { readdirSync, readFileSync, writeFileSync, statSync, rmSync, existsSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.xml', '.webmanifest', '.txt', '.map']);

export function brotli(buf, ext) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

export function gzip(buf) {
  return gzipSync(buf, { level: 9 });
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Precompresses every compressible file under `dir`; returns the per-file rows. */
export function precompress(dir) {
  const rows = [];
  for (const file of walk(dir)) {
    const ext = extname(file);
    // A sibling whose source is gone (a data-*.js of an earlier prerender) goes too.
    if ((ext === '.br' || ext === '.gz') && COMPRESSIBLE.has(extname(file.slice(0, -3))) && !existsSync(file.slice(0, -3))) {
      rmSync(file, { force: true });
      continue;
    }
    if (!COMPRESSIBLE.has(ext)) continue;
    const source = statSync(file);
    const row = { file: relative(dir, file), ext, raw: source.size, br: source.size, gz: source.size, written: 0 };
    for (const [suffix, compress] of [['.br', (b) => brotli(b, ext)], ['.gz', gzip]]) {
      const target = file + suffix;
      if (existsSync(target) && statSync(target).mtimeMs >= source.mtimeMs) {
        row[suffix.slice(1)] = statSync(target).size; // fresh from an earlier run
        continue;
      }
      const packed = compress(readFileSync(file));
      if (packed.length < source.size) {
        writeFileSync(target, packed);
        row[suffix.slice(1)] = packed.length;
        row.written++;
      } else {
        rmSync(target, { force: true }); // saves nothing: serve the original
      }
    }
    rows.push(row);
  }
  return rows;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const dir = process.argv[2];
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error('usage: node scripts/perf/precompress.mjs DIR   (DIR: a built site, e.g. dist)');
    process.exit(2);
  }
  const rows = precompress(dir);
  const byExt = new Map();
  for (const r of rows) {
    const t = byExt.get(r.ext) ?? { files: 0, raw: 0, br: 0, gz: 0 };
    t.files++; t.raw += r.raw; t.br += r.br; t.gz += r.gz;
    byExt.set(r.ext, t);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const table = {};
  for (const [ext, t] of [...byExt].sort()) table[ext] = { files: t.files, raw: kb(t.raw), gzip: kb(t.gz), brotli: kb(t.br) };
  console.table(table);
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  const written = rows.reduce((s, r) => s + r.written, 0);
  console.log(`precompress ${dir}: ${rows.length} files, ${kb(sum('raw'))} raw → ${kb(sum('gz'))} gzip, ${kb(sum('br'))} brotli; ${written} siblings written, the rest fresh`);
}
