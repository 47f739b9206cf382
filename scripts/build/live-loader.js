// The loader of a prerendered page (filled in and hashed by scripts/build/post-build.mjs), started
// once the page's first paint is on screen by a line of inline script (nothing but the page
// stands before that paint).
//
// The page is finished HTML: at load only its live parts run (src/live.rs, a small WASM
// module of their own). The app is fetched and compiled when the reader shows an intent to
// navigate (the pointer over an internal link, focus on one or on the search box), but not
// run. The first in-app navigation (a click on an internal link, a search) runs it: the
// address changes without a reload, the app renders the new route from its JSON out of sight
// (the progress bar runs meanwhile) and then replaces the page (src/browser.rs `when_shown`),
// and it is the single-page app from then on. A click before this script has run is a plain
// link; one while the app loads waits for it.

const ROOT = '__ROOT__';
const APP_JS = '__APP_JS__';
const APP_WASM = '__APP_WASM__';

let compiled = null;
let state = 'page'; // 'page' → 'loading' → 'app'

/** Fetches and compiles the app, once; it runs only on a navigation. */
function prefetch() {
  if (!compiled) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = APP_JS;
    document.head.append(link);
    compiled = WebAssembly.compileStreaming(fetch(APP_WASM)).catch(() => { compiled = null; });
  }
  return compiled;
}

/** A page of this paper: same origin, under the root, not a file (feed.xml, an image). */
function internal(url) {
  return url.origin === location.origin && (url.pathname + '/').startsWith(ROOT) &&
    !/\.[a-z0-9]+$/i.test(url.pathname);
}

function linkOf(target) {
  const a = target instanceof Element ? target.closest('a[href]') : null;
  if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return null;
  const url = new URL(a.href, location.href);
  return internal(url) ? url : null;
}

/** The app takes over: at `href` (a navigation), or `inPlace` on this very page, quietly. */
async function takeover(href, inPlace = false) {
  if (state === 'loading') {
    // A second click while the app loads: it renders this address instead.
    history.replaceState(null, '', href);
    return;
  }
  state = 'loading';
  if (!inPlace) {
    history.pushState(null, '', href);
    document.querySelector('.progress')?.classList.add('progress--active');
  }
  try {
    const [app, module] = await Promise.all([import(APP_JS), prefetch()]);
    const box = document.createElement('div');
    box.id = 'takeover';
    box.hidden = true;
    if (inPlace) box.dataset.inPlace = '';
    document.body.append(box);
    await app.default({ module_or_path: module ?? APP_WASM });
    state = 'app';
  } catch (error) {
    // The app could not start: the new address as a page of its own.
    console.error('takeover failed', error);
    location.reload();
  }
}

addEventListener('pointerover', (e) => { if (state === 'page' && linkOf(e.target)) prefetch(); }, { passive: true });
addEventListener('focusin', (e) => {
  if (state === 'page' && (linkOf(e.target) || e.target.type === 'search')) prefetch();
});
document.addEventListener('click', (e) => {
  if (state === 'app' || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = linkOf(e.target);
  // A link within this page (the skip link) stays one.
  if (!url || (url.pathname === location.pathname && url.search === location.search && url.hash)) return;
  e.preventDefault();
  takeover(url.href);
});
document.addEventListener('submit', (e) => {
  const form = e.target;
  if (state === 'app' || e.defaultPrevented || form.method.toLowerCase() !== 'get') return;
  const url = new URL(form.action, location.href);
  if (!internal(url)) return;
  url.search = [...new FormData(form)]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  e.preventDefault();
  takeover(url.href);
});

// The live parts: a page whose live parts fail to load is still the page, with plain links.
import('__LIVE_JS__')
  .then((live) => live.default({ module_or_path: '__LIVE_WASM__' }))
  .catch((error) => console.warn('live parts not started', error));

// The breaking-news strip (`breaking.json`, polled while the page is visible; a `304` when
// nothing changed): the same rules as the app's strip, src/components/breaking.rs, which
// shows it once the app has taken over. A few lines here rather than in the live parts' WASM,
// where it would cost every reader about 7 KB.
const DISMISSED = 'meridian-breaking-dismissed';
const MAX_WAIT = 300000; // src/coverage.rs MAX_POLL_MS
function breakingNews() {
  const masthead = document.querySelector('[data-breaking]');
  if (!masthead) return;
  const url = masthead.dataset.breaking;
  const every = Number(masthead.dataset.every) || 15000;
  const [kicker, label, close] = (masthead.dataset.breakingWords || '').split('\n');
  let last = null;
  let failures = 0;
  let strip = null;
  const stored = () => { try { return (localStorage.getItem(DISMISSED) || '').split('\n'); } catch { return []; } };
  const show = (story) => {
    strip?.remove();
    strip = null;
    if (!story || typeof story.text !== 'string' || !story.text.trim()) return;
    const key = typeof story.id === 'string' ? story.id : story.text;
    if (stored().includes(key) || (story.expires && !(Date.parse(story.expires) > Date.now()))) return;
    strip = document.createElement('aside');
    strip.className = 'breaking';
    strip.setAttribute('aria-label', label);
    const head = document.createElement('strong');
    head.className = 'breaking__kicker';
    head.textContent = kicker;
    // Only http(s) and relative addresses, as everywhere in the paper (src/routes.rs).
    const href = typeof story.url === 'string' ? story.url.replace(/[\t\n\r]/g, '').trim() : '';
    const safe = href && (!/^[a-z][a-z0-9+.-]*:/i.test(href) || /^https?:/i.test(href));
    const text = document.createElement(safe ? 'a' : 'span');
    if (safe) { text.href = href; text.className = 'breaking__link'; }
    text.textContent = story.text;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'breaking__close';
    button.setAttribute('aria-label', close);
    button.textContent = '×';
    button.addEventListener('click', () => {
      try { localStorage.setItem(DISMISSED, [...stored(), key].join('\n').trim()); } catch { /* private mode */ }
      show(null);
    });
    strip.append(head, ' ', text, button);
    document.body.append(strip);
  };
  const poll = async () => {
    if (state !== 'page') return; // the app's own strip from now on
    if (document.hidden) {
      document.addEventListener('visibilitychange', poll, { once: true });
      return;
    }
    let wait = every;
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (response.status === 404) {
        // No file is no story; looked for again far less often.
        last = null;
        show(null);
        wait = MAX_WAIT;
      } else if (!response.ok) {
        throw new Error(`${response.status}`);
      } else {
        const text = await response.text();
        if (text !== last) {
          last = text;
          let story = null;
          try { story = JSON.parse(text); } catch { /* damaged: no strip until it is mended */ }
          show(story);
        }
      }
      failures = 0;
    } catch {
      failures += 1;
      wait = Math.min(every * 2 ** Math.min(failures, 16), MAX_WAIT);
    }
    setTimeout(poll, wait);
  };
  poll();
}
breakingNews();

// A live page whose coverage runs is the app's at once, in place: it polls for new updates
// (src/components/live_coverage.rs). Until then it reads as written at publish time.
if (document.querySelector('[data-live-status="live"]')) takeover(location.href, true);
