/**
 * /docs in a real browser: Redoc from the installed package renders every operation and every webhook
 * of the served OpenAPI document, and nothing is fetched from outside this machine.
 */
import fs from 'node:fs';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { describeInBrowser, openBrowser, type BrowserSession } from './browser-session';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  id: string;
  summary: string;
  where: string;
}

function operationsOf(items: Record<string, Record<string, any>> | undefined, kind: string): Operation[] {
  return Object.entries(items ?? {}).flatMap(([name, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      id: item[method].operationId,
      summary: item[method].summary,
      where: `${kind} ${method.toUpperCase()} ${name}`,
    })),
  );
}

describeInBrowser('the API reference at /docs', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let document: any;

  beforeAll(async () => {
    server = await startTestServer({ startEngine: false });
    document = await (await fetch(`${server.url}/openapi.json`)).json();
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when /docs loads, then Redoc renders every operation and every webhook of /openapi.json', async () => {
    const operations = operationsOf(document.paths, 'path');
    const webhooks = operationsOf(document.webhooks, 'webhook');
    // The contract has dozens of each; an empty list here would make the check below meaningless.
    expect(operations.length).toBeGreaterThan(30);
    expect(webhooks.length).toBe(Object.keys(document.webhooks).length);
    expect(webhooks.length).toBeGreaterThan(20);

    const { page } = browser;
    const response = await page.goto(`${server.url}/docs`);
    expect(response?.status()).toBe(200);
    await page.locator('[data-section-id$="/operation/getMe"]').waitFor({ timeout: 30_000 });

    // Each operation's section id ends in its operationId; its heading is the summary.
    const rendered: Record<string, string> = await page.evaluate(() =>
      Object.fromEntries(
        [...(globalThis as any).document.querySelectorAll('[data-section-id*="/operation/"]')].map((section: any) => [
          section.getAttribute('data-section-id').split('/operation/')[1],
          section.querySelector('h2')?.textContent ?? '',
        ]),
      ),
    );
    const missing = [...operations, ...webhooks].filter((operation) => !(operation.id in rendered)).map((o) => `${o.where} (${o.id})`);
    expect(missing).toEqual([]);
    const wrongTitle = [...operations, ...webhooks].filter((operation) => !rendered[operation.id].includes(operation.summary)).map((o) => o.where);
    expect(wrongTitle).toEqual([]);

    await expect(page.getByRole('heading', { name: /deskhooks API/ }).first().isVisible()).resolves.toBe(true);
    await browser.screenshot('docs', { fullPage: false });
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);

  it('when the page has rendered, then nothing was fetched from outside this machine', () => {
    // Redoc's attribution logo points at a CDN: the page's CSP blocks it before any request is made,
    // and the browser session refuses anything else that would leave loopback.
    expect(browser.blockedRequests).toEqual([]);
  });

  it('when Redoc is requested, then it is the bundle of the installed redoc package', async () => {
    const response = await fetch(`${server.url}/docs/redoc.standalone.js`);
    expect(response.status).toBe(200);
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.equals(fs.readFileSync(require.resolve('redoc/bundles/redoc.standalone.js')))).toBe(true);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
