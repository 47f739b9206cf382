// Trunk post-build hook: makes dist/ ready for any static host under a strict
// Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, `base-uri 'none'`):
//  - Trunk's inline module loader moves into an external, content-hashed `loader-*.js`.
//  - The app root is written into <meta name="app-root"> (a <base> element would be a
//    CSP violation under `base-uri 'none'`).
//  - `404.html` is the same app shell, which renders any route client-side (GitHub Pages
//    serves it for unknown paths).
// Runs in `trunk build` and `trunk serve` (Trunk.toml [[hooks]]); reads TRUNK_STAGING_DIR
// and TRUNK_PUBLIC_URL, which trunk sets for hooks.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
if (!dir) throw new Error('post-build: run me as a trunk post_build hook (TRUNK_STAGING_DIR unset)');
const root = publicUrl.endsWith('/') ? publicUrl : publicUrl + '/';

const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
html = html.replace(inline, (_, code) => {
  const body = code.trim() + '\n';
  const hash = createHash('sha384').update(body).digest();
  const name = `loader-${hash.toString('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body);
  const integrity = 'sha384-' + hash.toString('base64');
  return `<script type="module" src="${root}${name}" integrity="${integrity}"></script>`;
});
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html.replace(/<script type="application\/ld\+json">/g, ''))) {
  throw new Error('post-build: an inline script is left in index.html');
}
html = html.replace(/<meta name="app-root" content="[^"]*"\s*\/?>/, `<meta name="app-root" content="${root}" />`);
writeFileSync(file, html);
writeFileSync(join(dir, '404.html'), html);
