// A static server for dist/ with an SPA fallback, as a publisher's host would have:
// files are served as they are; any other path gets the untouched app shell, dist/404.html.
// With `prerendered`, a page route with a prerendered page (`/world/` → world/index.html)
// gets it; without, every page route gets the shell, as for a route published after the
// last prerender (the app renders it client-side from JSON): what most tests exercise.
// With `compress`, a file with a precompressed sibling (`.br`, `.gz`, written by the publish step)
// is sent as that sibling when the request accepts it, with `Content-Encoding` and `Vary`.
// With `base` (e.g. '/news/'), the site lives under that sub-path: the prefix is stripped
// before looking up files and anything outside it is a plain 404, as on a shared host.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createHash } from 'node:crypto';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The policy of docs/deploy.md: dist/ must work under it unchanged. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' https: data:; connect-src 'self' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The policy a deploy of `dir` sends: its `_headers` file's (with the build's hash of the
 * prerendered pages' inline CSS), else the one above. */
export function policyOf(dir) {
  try {
    const line = readFileSync(join(dir, '_headers'), 'utf8').match(/Content-Security-Policy: (.*)/);
    if (line) return line[1].trim();
  } catch { /* no _headers: a build without one */ }
  return CSP;
}

export async function serve(dir, { csp = false, prerendered = false, compress = false, base = '/' } = {}) {
  const policy = policyOf(dir);
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (base !== '/') {
      if (!(path + '/').startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the site');
        return;
      }
      path = '/' + path.slice(base.length);
    }
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) {
        if (!prerendered) throw new Error('a page route: the shell');
        file = join(file, 'index.html');
      }
      await stat(file);
    } catch {
      // Content files that do not exist are a real 404; page routes get the shell.
      if (extname(path)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = join(dir, '404.html');
    }
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (csp) headers['content-security-policy'] = policy;
    if (compress) {
      headers.vary = 'Accept-Encoding';
      const accepts = String(req.headers['accept-encoding'] ?? '');
      for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!new RegExp(`\\b${encoding}\\b`).test(accepts)) continue;
        try {
          await stat(file + suffix);
          file += suffix;
          headers['content-encoding'] = encoding;
          break;
        } catch { /* no sibling: try the next encoding, else send it as it is */ }
      }
    }
    const body = await readFile(file);
    // Validators, as static hosts send them: a conditional request for an unchanged file is
    // a 304 without a body (what a live page's poll relies on).
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    headers.etag = etag;
    server.requests.push({ path, conditional: req.headers['if-none-match'] ?? null, status: req.headers['if-none-match'] === etag ? 304 : 200 });
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  /** Every file request answered: its path, the `If-None-Match` it came with, its status. */
  server.requests = [];
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, requests: server.requests, close: () => new Promise((ok) => server.close(ok)) };
}
