#!/usr/bin/env bash
# The WASM floor of our stack: bench/framework-floor is a bare Leptos 0.8 app that hydrates
# (router with two routes, a head tag, one resource under Transition, one click handler,
# serde_json), built like the paper (opt-level "z", LTO, `--cfg erase_components` from
# .cargo/config.toml, wasm-bindgen, `wasm-opt -Oz`). Prints its size: what any page of a
# Leptos hydrating app pays before its own code (docs/performance.md).
#   scripts/perf/framework-floor.sh        (scripts/setup first; ~5 min cold on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=bench/framework-floor/target/out
(cd bench/framework-floor && cargo build --quiet --release --target wasm32-unknown-unknown)
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  bench/framework-floor/target/wasm32-unknown-unknown/release/framework-floor.wasm
wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals "$out/framework-floor_bg.wasm" -o "$out/opt.wasm"
# Compressed as scripts/perf/budgets.mjs counts the paper's WASM (scripts/perf/precompress.mjs).
node --input-type=module -e '
import { readFileSync } from "node:fs";
import { brotli } from "./scripts/perf/precompress.mjs";
const b = readFileSync(process.argv[1]);
console.log(`framework floor: ${b.length} bytes raw, ${brotli(b, ".wasm").length} bytes brotli-11 of WASM`);
' "$out/opt.wasm"
