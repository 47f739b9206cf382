// scripts/build/post-build.mjs on what trunk stages, for both commands of the README: `trunk serve`
// (scripts/serve: development, with trunk's inline live-reload script) and `trunk build
// --release` (scripts/test: no inline script may be left, the strict CSP forbids them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RELOAD = `<script>(function () { const url = 'ws://{{__trunk_address__}}/.well-known/trunk/ws'; })()</script>`;
const LOADER = `<script type="module">import init from '/meridian-0123456789abcdef.js'; await init();</script>`;

/** A staging dir as trunk leaves it for the hook, then the hook's run. */
function postBuild(profile, body) {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-post-build-'));
  writeFileSync(join(dir, 'index.html'),
    `<!DOCTYPE html><html><head><meta name="app-root" content="/" />${LOADER}</head><body>${body}</body></html>`);
  copyFileSync(join(ROOT, 'public/sw.js'), join(dir, 'sw.js'));
  // The app as trunk stages it (the live module's build is real: cargo's, after the app's).
  writeFileSync(join(dir, 'meridian-0123456789abcdef.js'), 'export default async function init() {}\n');
  writeFileSync(join(dir, 'meridian-0123456789abcdef_bg.wasm'), '');
  try {
    execFileSync('node', [join(ROOT, 'scripts/build/post-build.mjs')], {
      cwd: ROOT, stdio: 'pipe',
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: profile, TRUNK_PUBLIC_URL: '/' },
    });
    const page = profile === 'release' ? readFileSync(join(dir, '.page-shell.html'), 'utf8') : null;
    return { html: readFileSync(join(dir, 'index.html'), 'utf8'), files: readdirSync(dir), sw: readFileSync(join(dir, 'sw.js'), 'utf8'), page };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('trunk serve: the live-reload script stays inline, the loader moves out, the worker removes itself', () => {
  const { html, files, sw } = postBuild('debug', RELOAD);
  assert.ok(html.includes(RELOAD), 'trunk fills in its address when it serves the page');
  assert.ok(!html.includes('<script type="module">'));
  assert.ok(files.some((f) => /^loader-[0-9a-f]{16}\.js$/.test(f)), files.join(' '));
  assert.match(sw, /unregister\(\)/);
});

test('trunk build --release: an inline script fails the build', () => {
  assert.throws(() => postBuild('release', '<script>alert(1)</script>'), /an inline script is left/);
  const { html, page } = postBuild('release', '');
  assert.match(html, /<script type="module" src="\/loader-[0-9a-f]{16}\.js" integrity="sha384-/);
  // A prerendered page's shell starts the live parts' loader after its first paint, not the app.
  assert.match(page, /<script>\(\(\) => \{[^<]*first-contentful-paint[^<]*<\/script>/);
  assert.match(page, /s\.src = "\/live-loader-[0-9a-f]{16}\.js"; s\.integrity = "sha384-/);
  assert.ok(!page.includes('meridian-0123456789abcdef') && !page.includes('/loader-'), page);
});
