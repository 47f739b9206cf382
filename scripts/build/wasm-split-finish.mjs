// After the WASM splitter (scripts/build/wasm-split-link): lets the chunks reach the main module's
// function table through trunk's wasm-bindgen.
//
// The chunks' loader (`__wasm_split.js`) takes the table from the main module's export
// `__indirect_function_table`, and wasm-bindgen deletes that export unless it runs with
// `--keep-lld-exports`, which trunk 0.21 cannot pass. So the export is renamed here to a name
// wasm-bindgen keeps (same length, so no size in the file changes) and the loader reads it
// under that name.
//
// usage: node scripts/build/wasm-split-finish.mjs MAIN.wasm LOADER.js
import { readFileSync, writeFileSync } from 'node:fs';
import { leb } from '../perf/wasm-crates.mjs';

const LLD_NAME = '__indirect_function_table';
const KEPT_NAME = '__wasm_split_func_table__';
if (LLD_NAME.length !== KEPT_NAME.length) throw new Error('the names must be as long');

const [main, loader] = process.argv.slice(2);
const wasm = readFileSync(main);

let renamed = 0;
let at = 8; // magic and version
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = leb(wasm, at + 1);
  if (id === 7) { // the export section: count, then (name, kind, index) each
    let [count, p] = leb(wasm, body);
    for (; count > 0; count--) {
      const [length, name] = leb(wasm, p);
      const kind = wasm[name + length];
      if (kind === 1 && wasm.toString('utf8', name, name + length) === LLD_NAME) {
        wasm.write(KEPT_NAME, name, 'utf8');
        renamed++;
      }
      [, p] = leb(wasm, name + length + 1);
    }
  }
  at = body + size;
}
if (renamed !== 1) throw new Error(`wasm-split-finish: ${main} exports no table named ${LLD_NAME}`);
writeFileSync(main, wasm);

const js = readFileSync(loader, 'utf8');
const destructure = /const \{ __indirect_function_table,/;
if (!destructure.test(js)) throw new Error(`wasm-split-finish: ${loader} does not read ${LLD_NAME} as expected`);
writeFileSync(loader, js.replace(destructure, `const { ${KEPT_NAME}: __indirect_function_table,`));
