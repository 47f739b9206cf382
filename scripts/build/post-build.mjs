// Trunk post-build hook: makes dist/ ready for any static host under a strict
// Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, `base-uri 'none'`):
//  - The stylesheets become one `style-*.css` (one request before the first paint).
//  - Trunk's inline module loader moves into an external, content-hashed `loader-*.js`.
//    In release builds the loader also registers the service worker (`<root>sw.js`).
//  - The app root is written into <meta name="app-root"> (a <base> element would be a
//    CSP violation under `base-uri 'none'`), and the plain root-relative links of
//    index.html (feed, manifest, icons) are moved under it for sub-path deploys.
//  - `404.html` is the same app shell, which renders any route client-side (GitHub Pages
//    serves it for unknown paths).
//  - The WASM chunks of a split build (src/chunks.rs, scripts/build/wasm-split-link) and their
//    loader are added with content-hashed names, and the main module's JS is renamed to
//    cover them (a chunk can change while the main module does not).
//  - Release builds: the live parts of prerendered pages (src/live.rs, the `live` binary) are
//    built as a WASM module of their own, with their loader (scripts/build/live-loader.js), and the
//    shell of a prerendered page is written as `.page-shell.html` for the publish step: the
//    CSS inline (its hash goes into `_headers`' style-src), the live loader instead of the app's.
//  - `sw.js` gets this build's precache list and VERSION (docs/offline-and-feeds.md); a
//    development build gets a worker that removes itself and its caches instead.
// Runs in `trunk build` and `trunk serve` (Trunk.toml [[hooks]]); reads TRUNK_STAGING_DIR,
// TRUNK_PUBLIC_URL and TRUNK_PROFILE, which trunk sets for hooks.
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leb } from '../perf/wasm-crates.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
const release = process.env.TRUNK_PROFILE === 'release';
if (!dir) throw new Error('post-build: run me as a trunk post_build hook (TRUNK_STAGING_DIR unset)');
// `scripts/serve --paper ar`: one of the sample papers (public/papers/) as the site.
const paper = process.env.MERIDIAN_PAPER;
if (paper) {
  if (!/^[a-z-]+$/.test(paper) || !existsSync(join(dir, 'papers', paper, 'site.json'))) {
    throw new Error(`post-build: no sample paper "${paper}" in public/papers/`);
  }
  copyFileSync(join(dir, 'papers', paper, 'site.json'), join(dir, 'site.json'));
}
const root = publicUrl.endsWith('/') ? publicUrl : publicUrl + '/';

const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

const hex = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const sri = (data) => 'sha384-' + createHash('sha384').update(data).digest('base64');
const target = process.env.CARGO_TARGET_DIR || 'target';
const targetDir = (profile) => join(target, 'wasm32-unknown-unknown', profile);

// One stylesheet, in the order index.html lists them.
const sheet = /<link rel="stylesheet" href="[^"]*?([^"/]+\.css)"[^>]*>/g;
const sheets = [...html.matchAll(sheet)].map((m) => m[1]);
// Without their comments (the stylesheets' documentation, in every page the CSS is inlined in;
// no string in them holds a comment opener: style/*.css) and the white space a browser does not
// need, outside strings: around `{ } ; , >`, after `:` (a selector never has a space after
// its `:`), before `}` the last `;`. 2.7 KB less in every page, 0.2 KB of it after brotli.
const css = sheets
  .map((name) => readFileSync(join(dir, name), 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''))
  .join('\n')
  .split(/("[^"]*"|'[^']*')/)
  .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':').replace(/;}/g, '}')))
  .join('')
  .trim() + '\n';
const cssName = `style-${hex(css)}.css`;
writeFileSync(join(dir, cssName), css);
for (const name of sheets) rmSync(join(dir, name));
let first = true;
html = html.replace(sheet, () => {
  if (!first) return '';
  first = false;
  return `<link rel="stylesheet" href="${root}${cssName}" integrity="${sri(css)}">`;
});

// The chunks of a split build. The main module's JS imports their loader as
// `./__wasm_split.js`; the loader imports the main module as `./meridian.js`.
const mainJs = readdirSync(dir).find((n) => /^meridian-[0-9a-f]+\.js$/.test(n));
// (Only the import statement: the imports object keeps the WASM's module name.)
const splitImport = /(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g;
if (mainJs && readFileSync(join(dir, mainJs), 'utf8').match(splitImport)) {
  const from = join(targetDir(release ? 'release' : 'debug'), 'wasm-split');
  let loader = readFileSync(join(from, '__wasm_split.js'), 'utf8');
  const chunks = readdirSync(from).filter((n) => n.endsWith('.wasm')).sort();
  const names = [];
  for (const chunk of chunks) {
    const source = join(from, chunk);
    const optimized = `${source}.opt`;
    // Trunk optimizes the main module with `wasm-opt -Oz` in release builds; the chunks too.
    if (release) execFileSync('wasm-opt', ['-Oz', source, '-o', optimized], { stdio: 'inherit' });
    const bytes = readFileSync(release ? optimized : source);
    const hashed = chunk.replace(/\.wasm$/, `-${hex(bytes)}.wasm`);
    writeFileSync(join(dir, hashed), bytes);
    names.push(hashed);
    loader = loader.replaceAll(`"./${chunk}"`, `"./${hashed}"`);
  }
  const newMain = `meridian-${hex(mainJs + '\0' + names.join('\0'))}.js`;
  loader = loader.replaceAll('"./meridian.js"', `"./${newMain}"`);
  const loaderName = `split-${hex(loader)}.js`;
  writeFileSync(join(dir, loaderName), loader);
  const main = readFileSync(join(dir, mainJs), 'utf8').replace(splitImport, `$1"./${loaderName}"`);
  writeFileSync(join(dir, newMain), main);
  rmSync(join(dir, mainJs));
  html = html.replaceAll(mainJs, newMain);
  // The integrity of the renamed module, and its loader fetched with it (not after it).
  const preload = new RegExp(`<link rel="modulepreload" href="[^"]*${newMain}"[^>]*>`);
  if (!preload.test(html)) throw new Error(`post-build: no modulepreload of ${newMain} in index.html`);
  html = html.replace(preload, (tag) => tag.replace(/integrity="[^"]*"/, `integrity="${sri(main)}"`) +
    `<link rel="modulepreload" href="${root}${loaderName}" crossorigin="anonymous" integrity="${sri(loader)}">`);
}

// Registers the worker once the page has loaded (it never competes with the first paint), or
// at once if it has (a prerendered page's loader runs after its first paint). It runs before
// the loader awaits the WASM, so a failing start still installs it.
const register = release
  ? `if ('serviceWorker' in navigator) { const register = () => navigator.serviceWorker` +
    `.register(${JSON.stringify(root + 'sw.js')}, { scope: ${JSON.stringify(root)} }).catch(() => {}); ` +
    `if (document.readyState === 'complete') register(); else addEventListener('load', register); }\n`
  : '';

// Once the app has died (a panic: `<html data-app="dead">`, set by its panic hook), its
// click handlers can only fail: links go back to being plain links, so the page it left, or
// the crash view's Reload link, still navigate.
const plainLinksWhenDead = `addEventListener('click', (e) => { if (document.documentElement.dataset.app === 'dead') ` +
  `e.stopPropagation(); }, true);\n`;

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
html = html.replace(inline, (_, code) => {
  const body = register + plainLinksWhenDead + code.trim() + '\n';
  const name = `loader-${hex(body)}.js`;
  writeFileSync(join(dir, name), body);
  return `<script type="module" src="${root}${name}" integrity="${sri(body)}"></script>`;
});
let scripts = html.replace(/<script type="application\/ld\+json">/g, '');
// `trunk serve` appends its live-reload script inline and fills in its address when it
// serves the page, so that one stays (development only; the dev server sends no CSP).
if (!release) scripts = scripts.replace(/<script>[\s\S]*?\.well-known\/trunk\/ws[\s\S]*?<\/script>/g, '');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(scripts)) {
  throw new Error('post-build: an inline script is left in index.html');
}
html = html.replace(/<meta name="app-root" content="[^"]*"\s*\/?>/, `<meta name="app-root" content="${root}" />`);
// Plain (non-trunk) links are written root-relative in index.html; trunk leaves them alone.
html = html.replace(/(<link\b[^>]*\bhref=")\/(feed\.xml|manifest\.webmanifest|icons\/[^"]*)"/g,
  (_, head, path) => `${head}${root}${path}"`);
writeFileSync(file, html);
writeFileSync(join(dir, '404.html'), html);

if (release) await writeLivePages();

/** `code` (an ES module) minified: every reader of a prerendered page fetches these files. */
async function small(code) {
  const { minify } = await import('terser');
  const out = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return out.code;
}

/** The live parts' module and loader, and the shell of a prerendered page (see the top). */
/** A WASM module without its custom sections (the producers, the target features, the
 * splitter's marker): nothing a browser reads. */
function withoutCustomSections(wasm) {
  const kept = [wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length;) {
    const [size, body] = leb(wasm, at + 1);
    if (wasm[at] !== 0) kept.push(wasm.subarray(at, body + size));
    at = body + size;
  }
  return Buffer.concat(kept);
}

async function writeLivePages() {
  execFileSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--bin', 'live'], { stdio: 'inherit' });
  // wasm-bindgen's output stays in target/ (scripts/perf/long-tasks.mjs --by-crate names its functions).
  const out = join(target, 'wasm-bindgen', 'live');
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'live',
    join(targetDir('release'), 'live.wasm')], { stdio: 'inherit' });
  // -Os rather than -Oz: a few hundred bytes more before compression, less after (brotli is
  // what a reader pays; docs/performance.md). --converge repeats it while it gains;
  // --low-memory-unused: Rust puts its data at 1 MiB, above the stack, so the lowest KB is
  // never an address (0.7 KB brotli).
  execFileSync('wasm-opt', ['-Os', '--converge', '--low-memory-unused', join(out, 'live_bg.wasm'), '-o', join(out, 'live_bg.opt.wasm')], { stdio: 'inherit' });
  const wasm = withoutCustomSections(readFileSync(join(out, 'live_bg.opt.wasm')));
  const wasmName = `live-${hex(wasm)}_bg.wasm`;
  writeFileSync(join(dir, wasmName), wasm);
  const js = await small(readFileSync(join(out, 'live.js'), 'utf8').replaceAll("'live_bg.wasm'", `'${wasmName}'`));
  const jsName = `live-${hex(js)}.js`;
  writeFileSync(join(dir, jsName), js);

  const appJs = readdirSync(dir).find((n) => /^meridian-[0-9a-f]+\.js$/.test(n));
  const appWasm = readdirSync(dir).find((n) => /^meridian-[0-9a-f]+_bg\.wasm$/.test(n));
  if (!appJs || !appWasm) throw new Error('post-build: the app\'s JS or WASM is missing');
  const template = readFileSync(fileURLToPath(new URL('live-loader.js', import.meta.url)), 'utf8');
  // The manifest is linked by the loader, after the first paint: a browser asks for a linked
  // one (and its icon) while the page is still painting.
  const manifestLink = html.match(/<link rel="manifest"[^>]*>/)?.[0] ?? '';
  const manifest = manifestLink && `document.head.append(Object.assign(document.createElement('link'), ` +
    `{ rel: 'manifest', href: ${JSON.stringify(manifestLink.match(/href="([^"]*)"/)[1])} }));\n`;
  const loader = await small(register + manifest + plainLinksWhenDead + template
    .replace('__LIVE_JS__', root + jsName).replace('__LIVE_WASM__', root + wasmName)
    .replace('__ROOT__', root).replace('__APP_JS__', root + appJs).replace('__APP_WASM__', root + appWasm));
  if (/__[A-Z_]+__/.test(loader)) throw new Error('post-build: a placeholder is left in the live loader');
  const loaderName = `live-loader-${hex(loader)}.js`;
  writeFileSync(join(dir, loaderName), loader);

  // The page shell: no request before the first paint but the page itself. A few bytes of
  // inline script (allowed by their hash, like the CSS) start the loader after that paint.
  // Once the first contentful paint has been presented (its `paint` entry), or at `load` in a
  // browser without paint timing: a start right after `requestAnimationFrame` can still come
  // before that paint is on screen (Lighthouse then counts the live parts into FCP and LCP).
  const bootstrap = `(() => { let started = false; const go = () => { if (started) return; started = true; ` +
    `setTimeout(() => { const s = document.createElement('script'); s.type = 'module'; ` +
    `s.src = ${JSON.stringify(root + loaderName)}; s.integrity = ${JSON.stringify(sri(loader))}; document.head.append(s); }); }; ` +
    `if (window.PerformanceObserver?.supportedEntryTypes?.includes('paint')) new PerformanceObserver((l) => { ` +
    `if (l.getEntriesByName('first-contentful-paint').length) go(); }).observe({ type: 'paint', buffered: true }); ` +
    `else addEventListener('load', go); })();`;
  let page = html
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace(/<link rel="preload"[^>]*application\/wasm[^>]*>/g, '')
    .replace(/<script type="module" src="[^"]*"[^>]*><\/script>/g, '')
    .replace(/<link rel="stylesheet" href="[^"]*style-[0-9a-f]+\.css"[^>]*>/, () => `<style>${css}</style>`)
    .replace('</head>', `<script>${bootstrap}</script></head>`)
    // The favicon as a `data:` URL: the browser asks for a linked one while the page is still
    // painting, on a connection of its own (docs/decisions/0004-static-first-pages.md).
    .replace(/<link rel="icon" href="[^"]*?(favicon-[0-9a-f]+\.svg)"[^>]*>/, (_, name) =>
      `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(readFileSync(join(dir, name), 'utf8').trim())}">`)
    // The page's language and direction are the site's, written by the render (`<Html>`).
    .replace(/<html lang="[^"]*"/, '<html')
    .replace(manifestLink, '')
    // The lines the removed links left (the CSS has no blank line, the shell no <pre>).
    .replace(/\n(?:[ \t]*\n)+/g, '\n');
  if (/meridian-[0-9a-f]+/.test(page)) throw new Error('post-build: the page shell still loads the app');
  writeFileSync(join(dir, '.page-shell.html'), page);

  // The inline CSS and script are allowed by their hashes, and by nothing else.
  const headers = join(dir, '_headers');
  if (existsSync(headers)) {
    const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    let text = readFileSync(headers, 'utf8');
    for (const [directive, inline] of [["style-src 'self'", css], ["script-src 'self' 'wasm-unsafe-eval'", bootstrap]]) {
      if (!text.includes(`${directive};`)) throw new Error(`post-build: no \`${directive};\` in _headers`);
      text = text.replace(`${directive};`, `${directive} ${hash(inline)};`);
    }
    writeFileSync(headers, text);
  }
}

// The service worker.
const sw = join(dir, 'sw.js');
if (existsSync(sw)) {
  const template = readFileSync(sw, 'utf8');
  if (release) {
    // The shell (404.html: index.html may become the prerendered front page), the hashed
    // assets, and what the shell needs first.
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .filter((n) => n !== 'sw.js' && n !== '404.html' && (/\.(?:js|wasm|css)$/.test(n) || /^favicon/.test(n) ||
        n === 'manifest.webmanifest' || n === 'site.json'))
      .sort();
    const precache = ['404.html', ...names];
    // New asset names, a changed shell or a changed worker → a new VERSION, new sw.js bytes.
    const version = createHash('sha256')
      .update(precache.join('\n')).update('\0').update(html).update('\0').update(template)
      .digest('hex').slice(0, 16);
    const out = template
      .replace("const VERSION = '__VERSION__';", `const VERSION = '${version}';`)
      .replace('const PRECACHE = [/*__PRECACHE__*/];', `const PRECACHE = ${JSON.stringify(precache)};`);
    if (out.includes('__VERSION__') || out.includes('__PRECACHE__')) {
      throw new Error('post-build: sw.js lost its VERSION or PRECACHE placeholder');
    }
    writeFileSync(sw, out);
  } else {
    // Development (trunk serve): no offline cache. A worker a release build left on this
    // origin is replaced by this one, which deletes the paper's caches and unregisters.
    writeFileSync(sw, `// Development build: removes the paper's service worker and caches (see scripts/build/post-build.mjs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith('meridian:')) await caches.delete(name);
  await self.registration.unregister();
})()));
`);
  }
}
