// Shared set-up: one Chromium (Debian's, never a downloaded one) and the dist/ server.
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { fileURLToPath } from 'node:url';

// DIST=/some/dir serves another build (a second engineer's, a benchmark's) instead of dist/.
const DIST = process.env.DIST || fileURLToPath(new URL('../../dist', import.meta.url));

/** Debian's Chromium, headless, with the flags that work on this machine. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export async function start(options = {}) {
  const server = await serve(DIST, options);
  const browser = await launch();
  return {
    url: server.url,
    browser,
    /** A fresh page that fails the test on any uncaught error or panic in the console. */
    async page(options = {}) {
      // Service workers are off unless a test asks for them (tests/e2e/offline.test.mjs): requests
      // a worker makes would bypass the fault injection of page.route.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error' && /panicked|unreachable/.test(m.text())) page.errors.push(m.text()); });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
