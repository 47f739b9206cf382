// The Daily Meridian's service worker: the app shell opens offline, so do the index and the
// articles a reader has read, and every deploy is picked up on the next visit.
//
// This file is a template: scripts/build/post-build.mjs writes the build's VERSION and PRECACHE
// list into dist/sw.js (a new deploy → new bytes → the browser installs the new worker).
// Left as it is (placeholders) it precaches nothing. See docs/offline-and-feeds.md.
'use strict';

const VERSION = '__VERSION__';
const PRECACHE = [/*__PRECACHE__*/];

/** The app root this worker serves, `https://host/` or `https://host/news/`. */
const SCOPE = self.registration.scope;
// Cache names carry the app root, so two papers on one origin never touch each other's.
const PREFIX = `meridian:${new URL(SCOPE).pathname}:`;
const SHELL = `${PREFIX}${VERSION}:shell`;
const CONTENT = `${PREFIX}${VERSION}:content`;
const IMAGES = `${PREFIX}${VERSION}:images`;
/** Entries kept in each runtime cache (content JSON, pictures), most recent first. */
const RUNTIME_LIMIT = 60;

// PRECACHE holds paths relative to this script, which sits at the app root. The shell is
// `404.html`: the untouched app shell that renders any route (index.html may be the
// prerendered front page, which must not answer for other routes).
const SHELL_URL = new URL('404.html', self.location).href;
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, self.location).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    // The runtime caches exist from the start: `keep` only ever stores into existing ones.
    await Promise.all([caches.open(CONTENT), caches.open(IMAGES)]);
    await Promise.all([...PRECACHED].map(async (url) => {
      // `reload` skips the HTTP cache: the shell must be this deploy's, never a stale copy.
      const response = await fetch(url, { cache: 'reload' });
      if (response.status !== 200) throw new Error(`sw: precaching ${url} got ${response.status}`);
      await cache.put(url, response.redirected ? await unredirected(response) : response);
    }));
    // A failed precache rejects above and the previous worker stays; otherwise take over now.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await adopt();
    await self.clients.claim();
  })());
});

// A worker that was replaced while it was still storing (see `keep`) asks the current one
// to adopt what it left behind.
self.addEventListener('message', (event) => {
  if (event.data === 'adopt') event.waitUntil(adopt());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;

  if (request.mode === 'navigate') {
    event.respondWith(navigation(request, url));
  } else if (isContent(url)) {
    event.respondWith(networkFirst(event, CONTENT));
  } else if (PRECACHED.has(url.href)) {
    event.respondWith(cacheFirst(event, SHELL, Infinity));
  } else if (request.destination === 'image' || /\.(?:jpe?g|png|gif|webp|avif|svg)$/i.test(url.pathname)) {
    event.respondWith(cacheFirst(event, IMAGES, RUNTIME_LIMIT));
  }
  // Anything else goes to the network as if there were no worker.
});

/** `site.json`, the content API (`…/api/…json`), on any origin, and the interface words. */
function isContent(url) {
  return url.pathname.endsWith('/site.json') || (url.pathname.includes('/api/') && url.pathname.endsWith('.json'))
    || /\/i18n\/[a-z]+\.json$/.test(url.pathname);
}

/** Page routes (no file extension): the app renders every one of them from the shell. */
function isPageRoute(url) {
  return !/\.(?:json|xml|js|mjs|css|wasm|map|jpe?g|png|gif|webp|avif|svg|ico|webmanifest|txt|pdf)$/i.test(url.pathname);
}

/** Pages: the network first (a new deploy's shell), the cached shell when offline. */
async function navigation(request, url) {
  try {
    return await fetch(request);
  } catch (error) {
    if (isPageRoute(url)) {
      const shell = await caches.match(SHELL_URL, { cacheName: SHELL });
      if (shell) return shell;
    }
    throw error;
  }
}

/** Content: the network first; offline, the last copy read (else the network error). */
async function networkFirst(event, cacheName) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = (await caches.match(request, { cacheName, ignoreVary: true }))
      ?? (await caches.match(request, { cacheName: SHELL, ignoreVary: true }));
    if (cached) return cached;
    throw error;
  }
  keep(event, cacheName, request, response, RUNTIME_LIMIT);
  return response;
}

/** Hashed assets and pictures: the cache first, else the network (and keep a copy). */
async function cacheFirst(event, cacheName, limit) {
  const request = event.request;
  const cached = await caches.match(request, { cacheName });
  if (cached) return cached;
  const response = await fetch(request);
  keep(event, cacheName, request, response, limit);
  return response;
}

/** Stores a copy of a complete, readable answer (200, not opaque), then trims the cache.
 *  An older worker can still be answering fetches it took before a new deploy activated:
 *  it stores only into a cache that still exists, but the new worker's activation can delete
 *  that cache between the check and the store, which re-creates it. So after storing, a
 *  worker that is no longer the active one hands over: once the new worker is activated it
 *  adopts (copies, then deletes) every cache of another version, this one's included. */
function keep(event, cacheName, request, response, limit) {
  if (response.status !== 200 || response.type === 'opaque') return;
  const copy = response.clone();
  event.waitUntil((async () => {
    if (!(await caches.has(cacheName))) return;
    const cache = await caches.open(cacheName);
    await cache.put(request, copy);
    if (Number.isFinite(limit)) await trim(cache, limit);
    await handOver();
  })().catch(() => {}));
}

/** A replaced worker asks the active one, once it is activated, to adopt what it left
 *  behind.
 *  Browsers without `self.serviceWorker` skip this (the next activation adopts instead). */
async function handOver() {
  const registration = self.registration;
  const me = self.serviceWorker;
  const active = registration.active;
  // The active worker itself adopts nothing here: what `registration.active` says can lag
  // behind a newer worker's activation, and a replaced worker that adopted would delete the
  // new version's caches and keep its own. Leftovers of older workers reach the active one by
  // their own hand-over, or by the next activation.
  if (!me || !active || active === me) return;
  if (active.state === 'activating') {
    await new Promise((resolve) => active.addEventListener('statechange', resolve, { once: true }));
  }
  if (active.state === 'activated') active.postMessage('adopt');
}

/** Moves what readers read (content and pictures) from this paper's caches of other versions
 *  into this version's, then deletes those caches: the old shell and assets go with them. */
async function adopt() {
  const names = await caches.keys();
  const old = names.filter((name) => name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${VERSION}:`));
  for (const name of old) {
    const into = name.endsWith(':content') ? CONTENT : name.endsWith(':images') ? IMAGES : null;
    if (into) await copy(name, into);
  }
  await Promise.all(old.map((name) => caches.delete(name)));
}

/** Keeps the `limit` most recently stored entries (Cache keys are in insertion order). */
async function trim(cache, limit) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map((key) => cache.delete(key)));
}

async function copy(from, to) {
  const source = await caches.open(from);
  const target = await caches.open(to);
  for (const request of await source.keys()) {
    const response = await source.match(request);
    if (response) await target.put(request, response);
  }
  await trim(target, RUNTIME_LIMIT);
}

/** A redirected response cannot answer a navigation; the same body without the flag can. */
async function unredirected(response) {
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
