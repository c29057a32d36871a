/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core, with a
 * fresh profile each time and every request that would leave loopback refused (and recorded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts/browser');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const chromiumPresent = fs.existsSync(CHROMIUM_PATH);

/**
 * `describe` when the browser suite can run. Without Chromium it is skipped with a message on a
 * developer's machine, but in CI (where .ci/run installs it) a missing browser must fail the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPresent || process.env.CI) {
    describe(name, body);
    return;
  }
  console.warn(`Skipping "${name}": ${CHROMIUM_PATH} is absent. Install it with \`apt-get install -y chromium\` (CI installs it and fails without it).`);
  describe.skip(name, body);
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Requests to anything but loopback, refused before they left. */
  blockedRequests: string[];
  /** Uncaught errors in the page's scripts. */
  pageErrors: string[];
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

export async function openBrowser(viewport = { width: 1366, height: 900 }): Promise<BrowserSession> {
  if (!chromiumPresent) throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium package (apt-get install -y chromium).`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskhooks-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    context,
    page,
    blockedRequests,
    pageErrors,
    async screenshot(name, options = {}) {
      const file = path.join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
      return file;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
