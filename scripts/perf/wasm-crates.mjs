// What each crate adds to the WASM: attributes every function body's bytes to a crate by its
// symbol name, read from the `name` section of the optimized but not yet post-processed
// build (before wasm-bindgen and wasm-opt, which drop the names):
//
//   CARGO_TARGET_DIR=/work/perf-target cargo build --release --target wasm32-unknown-unknown \
//     --features split --bin meridian        (or --bin live: the live parts of a prerendered page)
//   node scripts/perf/wasm-crates.mjs /work/perf-target/wasm32-unknown-unknown/release/meridian.wasm [--markdown]
//   node scripts/perf/wasm-crates.mjs OLD.wasm --diff NEW.wasm   what changed between two builds, function by function
//
// A function belongs to the crate that names it: `leptos::…` → leptos,
// `<tachys::html::…Element as …>::build` → tachys (the Self type's crate), and a generic from
// core/alloc/std instantiated for one crate's type (`core::ptr::drop_in_place<meridian::…>`,
// `alloc::vec::Vec<leptos_router::…>::push`) → that crate, because it exists only for it.
// Data segments (string constants, tables) are listed on their own. The final file is smaller
// (wasm-opt -Oz, wasm-bindgen's glue removed), but each crate's share carries over roughly,
// to the brotli size too.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Reads an unsigned LEB128 at `pos`: [value, next offset]. */
export function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [result, pos];
}

export function readWasm(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly module');
  let pos = 8, importedFuncs = 0;
  const bodies = [], names = new Map(), sections = [];
  let dataBytes = 0;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size; [size, pos] = leb(buf, pos);
    const end = pos + size;
    let name = String(id);
    if (id === 0) {
      let n, p; [n, p] = leb(buf, pos); name = buf.toString('utf8', p, p + n); p += n;
      if (name === 'name') {
        while (p < end) {
          const sub = buf[p++]; let len; [len, p] = leb(buf, p); const subEnd = p + len;
          if (sub === 1) {
            let count; [count, p] = leb(buf, p);
            for (let i = 0; i < count; i++) {
              let idx, l; [idx, p] = leb(buf, p); [l, p] = leb(buf, p);
              names.set(idx, buf.toString('utf8', p, p + l)); p += l;
            }
          }
          p = subEnd;
        }
      }
    } else if (id === 2) { // imports: function imports take the first indices
      let count, p; [count, p] = leb(buf, pos);
      for (let i = 0; i < count; i++) {
        let l; [l, p] = leb(buf, p); p += l; [l, p] = leb(buf, p); p += l;
        const kind = buf[p++];
        if (kind === 0) { [, p] = leb(buf, p); importedFuncs++; }
        else if (kind === 1) { p++; const flags = buf[p++]; [, p] = leb(buf, p); if (flags & 1) [, p] = leb(buf, p); }
        else if (kind === 2) { const flags = buf[p++]; [, p] = leb(buf, p); if (flags & 1) [, p] = leb(buf, p); }
        else if (kind === 3) { p += 2; }
        else if (kind === 4) { p++; [, p] = leb(buf, p); }
      }
    } else if (id === 10) {
      let count, p; [count, p] = leb(buf, pos);
      for (let i = 0; i < count; i++) { let s, q; [s, q] = leb(buf, p); bodies.push(q - p + s); p = q + s; }
    } else if (id === 11) {
      dataBytes = size;
    }
    sections.push({ id, name, size });
    pos = end;
  }
  const funcs = bodies.map((size, i) => ({ name: names.get(importedFuncs + i) ?? `func[${importedFuncs + i}]`, size }));
  return { funcs, importedFuncs, dataBytes, sections, total: buf.length };
}

/** Rust symbol names, legacy (`_ZN…E`) and v0 (`_R…`, the crate only), demangled enough to read paths. */
export function demangle(sym) {
  if (sym.startsWith('_R')) {
    const m = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(sym);
    if (!m) return sym;
    const at = m.index + m[0].length;
    return `${sym.slice(at, at + Number(m[1]))}::${sym}`;
  }
  if (!sym.startsWith('_ZN')) return sym;
  const parts = [];
  let p = 3;
  while (p < sym.length && sym[p] !== 'E') {
    const m = /^\d+/.exec(sym.slice(p));
    if (!m) break;
    p += m[0].length;
    parts.push(sym.slice(p, p + Number(m[0])));
    p += Number(m[0]);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  const ESC = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };
  return parts.map((s) => s.replace(/^_\$/, '$').replace(/\.\./g, '::')
    .replace(/\$(SP|BP|RF|LT|GT|LP|RP|C|u[0-9a-f]+)\$/g, (_, c) => ESC[c] ?? String.fromCodePoint(parseInt(c.slice(1), 16))))
    .join('::');
}

const STD = new Set(['core', 'alloc', 'std']);
// Crate-like path heads that are not crates.
const NOT_CRATES = new Set(['impl', 'dyn', 'mut', 'const', 'fn', 'unsafe', 'extern', 'for', 'where', 'as']);

/** The crate a function's bytes belong to, from its demangled name. */
export function crateOf(raw) {
  const name = demangle(raw);
  if (/wasm_bindgen::describe|__wbindgen_describe/.test(name)) return 'wasm_bindgen descriptors (removed by wasm-bindgen)';
  if (/^func\[\d+\]$/.test(name)) return '(unnamed)';
  if (/^__wbg|^__wbindgen|^__externref|wasm_bindgen/.test(name)) return 'wasm_bindgen';
  if (/^(memcpy|memmove|memset|memcmp|bcmp|__rust|__rdl|__rg|rust_begin_unwind|__multi3|__udivti3|__divti3|__umodti3|__ashlti3|__lshrti3|_ZN)/.test(name) && !name.includes('::')) return 'compiler_builtins / libc';
  const paths = [...name.matchAll(/(?:^|[<\s(&*,\[;])([A-Za-z_][A-Za-z0-9_]*)::/g)].map((m) => m[1]).filter((c) => !NOT_CRATES.has(c) && /^[a-z_][a-z0-9_]*$/.test(c));
  if (!paths.length) return '(other)';
  // The Self type of `<T as Trait>::m` comes first; a std generic goes to the first crate
  // among its type arguments.
  const own = paths.find((c) => !STD.has(c));
  if (STD.has(paths[0]) && own) return own;
  return paths[0];
}

/** crate → the direct dependencies of meridian that pull it in (cargo tree, the browser build). */
export function owners(cwd = fileURLToPath(new URL('../..', import.meta.url))) {
  const out = execFileSync('cargo', ['tree', '--target', 'wasm32-unknown-unknown', '--features', 'split',
    '-e', 'normal', '--prefix', 'depth', '--format', '{lib}', '--no-dedupe', '--offline'],
  { cwd, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  const map = new Map();
  let direct;
  for (const line of out.split('\n')) {
    const m = /^(\d+)(\S+)/.exec(line);
    if (!m || m[1] === '0') continue;
    if (m[1] === '1') direct = m[2];
    if (!map.has(m[2])) map.set(m[2], new Set());
    map.get(m[2]).add(direct);
  }
  return map;
}

function dependencyOf(crate, map) {
  if (crate === 'meridian') return 'meridian (this repo)';
  if (['core', 'alloc', 'std', 'dlmalloc', '___rust', 'compiler_builtins / libc', '(other)', '(unnamed)'].includes(crate)) return 'Rust standard library';
  if (crate.startsWith('wasm_bindgen descriptors')) return crate;
  let set = map.get(crate);
  if (!set) return crate === 'hashbrown' ? 'Rust standard library' : `${crate} (?)`;
  if (set.has(crate)) return crate;
  // Shared with a direct dependency that itself needs another one (leptos_router needs leptos):
  // the crate comes with the one needed anyway.
  const lowest = [...set].filter((x) => ![...set].some((y) => y !== x && map.get(y)?.has(x)));
  if (lowest.length) set = new Set(lowest);
  return set.size === 1 ? [...set][0] : `shared: ${[...set].sort().join(', ')}`;
}

/** --diff NEW.wasm: the functions whose bytes differ between two builds (by demangled name,
 * the same names summed), largest change first, and the data segments' change. */
function diff(before, after) {
  const sizes = (w) => {
    const m = new Map();
    for (const f of w.funcs) if (!/describe/.test(f.name)) m.set(demangle(f.name), (m.get(demangle(f.name)) ?? 0) + f.size);
    return m;
  };
  const [a, b] = [sizes(before), sizes(after)];
  const rows = [...new Set([...a.keys(), ...b.keys()])]
    .map((name) => ({ bytes: (b.get(name) ?? 0) - (a.get(name) ?? 0), name: name.slice(0, 140) }))
    .filter((r) => r.bytes !== 0)
    .sort((x, y) => Math.abs(y.bytes) - Math.abs(x.bytes));
  console.log(`code ${rows.reduce((n, r) => n + r.bytes, 0)} bytes, data ${after.dataBytes - before.dataBytes} bytes`);
  console.table(rows.slice(0, 40));
}

function main() {
  const [file, flag, brotliArg] = process.argv.slice(2);
  // --markdown [BROTLI_BYTES]: with the shipped file's brotli size, a column "≈ brotli" = share × size.
  const brotliTotal = Number(brotliArg) || 0;
  if (!file) {
    console.error('usage: node scripts/perf/wasm-crates.mjs path/to/meridian.wasm [--markdown]  (a cargo build with its name section, see the header)');
    process.exit(2);
  }
  const w = readWasm(readFileSync(file));
  if (flag === '--diff') return diff(w, readWasm(readFileSync(brotliArg)));
  const named = w.funcs.filter((f) => !/^func\[/.test(f.name)).length;
  if (named < w.funcs.length / 2) {
    console.error(`${file}: only ${named} of ${w.funcs.length} functions are named: use cargo's output (target/wasm32-unknown-unknown/release/*.wasm), not the wasm-bindgen/wasm-opt one`);
    process.exit(1);
  }
  const code = w.funcs.reduce((s, f) => s + f.size, 0);
  const byCrate = new Map();
  for (const f of w.funcs) {
    const c = crateOf(f.name);
    const e = byCrate.get(c) ?? { crate: c, bytes: 0, functions: 0, biggest: f };
    e.bytes += f.size; e.functions++;
    if (f.size > e.biggest.size) e.biggest = f;
    byCrate.set(c, e);
  }
  const rows = [...byCrate.values()].sort((a, b) => b.bytes - a.bytes);
  const descriptors = rows.filter((r) => r.crate.startsWith('wasm_bindgen descriptors')).reduce((s, r) => s + r.bytes, 0);
  const all = code + w.dataBytes - descriptors; // what ships, before wasm-opt
  let map = new Map();
  try { map = owners(); } catch (e) { console.error(`(cargo tree failed, no grouping by dependency: ${e.message.split('\n')[0]})`); }
  const deps = new Map();
  for (const r of rows) {
    const d = dependencyOf(r.crate, map);
    const e = deps.get(d) ?? { dependency: d, bytes: 0, crates: [] };
    e.bytes += r.bytes; e.crates.push(r.crate);
    deps.set(d, e);
  }
  const depRows = [...deps.values()].sort((a, b) => b.bytes - a.bytes);
  const pct = (n) => `${((100 * n) / all).toFixed(1)} %`;
  if (flag === '--markdown') {
    const br = (n) => (brotliTotal ? ` ${((brotliTotal * n) / all / 1000).toFixed(1)} KB |` : '');
    console.log(`| Direct dependency (with what it pulls in) | Code bytes | Share of shipped code + data |${brotliTotal ? ' ≈ brotli |' : ''} Crates |`);
    console.log(`|---|---:|---:|${brotliTotal ? '---:|' : ''}---|`);
    for (const d of depRows) {
      const shipped = !d.dependency.startsWith('wasm_bindgen descriptors');
      console.log(`| ${d.dependency} | ${d.bytes.toLocaleString('en')} | ${shipped ? pct(d.bytes) : 'not shipped'} |${shipped ? br(d.bytes) : (brotliTotal ? ' 0 |' : '')} ${d.crates.slice(0, 8).join(', ')}${d.crates.length > 8 ? `, +${d.crates.length - 8}` : ''} |`);
    }
    console.log(`| data segments | ${w.dataBytes.toLocaleString('en')} | ${pct(w.dataBytes)} |${br(w.dataBytes)} strings, tables, vtables of all crates |`);
    console.log('');
    console.log(`| Crate | Code bytes | Share | Functions | Biggest function |`);
    console.log(`|---|---:|---:|---:|---|`);
    for (const r of rows) if (r.bytes / all >= 0.002 && !r.crate.startsWith('wasm_bindgen descriptors')) console.log(`| ${r.crate} | ${r.bytes.toLocaleString('en')} | ${pct(r.bytes)} | ${r.functions} | \`${demangle(r.biggest.name).slice(0, 70).replace(/\|/g, '\\|')}\` (${r.biggest.size.toLocaleString('en')}) |`);
    const small = rows.filter((r) => r.bytes / all < 0.002 && !r.crate.startsWith('wasm_bindgen descriptors'));
    console.log(`| ${small.length} others | ${small.reduce((s, r) => s + r.bytes, 0).toLocaleString('en')} | ${pct(small.reduce((s, r) => s + r.bytes, 0))} | | |`);
    console.log(`| data segments | ${w.dataBytes.toLocaleString('en')} | ${pct(w.dataBytes)} | | strings, tables, vtables |`);
    console.log(`| **shipped code + data** | **${all.toLocaleString('en')}** | 100 % | | + ${descriptors.toLocaleString('en')} bytes of wasm-bindgen descriptors, removed by wasm-bindgen |`);
  } else {
    console.table(depRows.map((d) => ({ dependency: d.dependency, bytes: d.bytes, share: pct(d.bytes), crates: d.crates.join(' ').slice(0, 60) })));
    console.table(rows.map((r) => ({ crate: r.crate, bytes: r.bytes, share: pct(r.bytes), functions: r.functions })));
    console.log(`shipped code + data ${all} bytes (code ${code} + data ${w.dataBytes} − ${descriptors} of wasm-bindgen descriptors) of a ${w.total}-byte file (the rest: names, custom sections)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
