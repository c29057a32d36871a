/**
 * Regenerates the README's screenshot of the console (test/browser/screenshots/console.png):
 * a real server and receiver, a few webhooks like a helpdesk would have, and their deliveries.
 * Run with `npx tsx test/browser/readme-screenshot.ts`; it is not part of the test suite.
 */
import path from 'node:path';
import { startReceiver } from '../helpers/receiver';
import { startTestServer } from '../helpers/start-server';
import { openBrowser } from './browser-session';

const OUTPUT = path.join(__dirname, 'screenshots', 'console.png');

async function main(): Promise<void> {
  const server = await startTestServer();
  // The Power Automate flow is "broken" so the list shows a failed last delivery too.
  const receiver = await startReceiver();
  receiver.reply((request) => (request.url.startsWith('/flows/') ? { status: 502, body: 'Bad gateway' } : { status: 204 }));
  const browser = await openBrowser({ width: 1280, height: 760 });
  try {
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await server.request(method, url, { body });
      if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    const hooks = [
      { description: 'Notify the on-call tech about missed chats', url: `${receiver.url}/teams/on-call`, events: ['chat.missed', 'chat.callback_requested'], source: 'admin' },
      { description: 'Zap: create a ticket for callback requests', url: `${receiver.url}/hooks/standard/123456/abcdef/`, events: ['chat.callback_requested'], source: 'zapier' },
      { description: 'Flow: multi-tier approval', url: `${receiver.url}/flows/approvals`, events: ['ticket.approval_required'], source: 'power-automate', retryPolicy: { type: 'fixed-30m-24h' } },
      { description: 'Legacy CRM sync', url: `${receiver.url}/crm/tickets`, events: ['ticket.created', 'ticket.updated'], source: 'api', enabled: false },
    ];
    for (const hook of [...hooks].reverse()) await call('POST', '/v1/hooks', hook);
    for (const type of ['chat.missed', 'chat.callback_requested', 'ticket.approval_required']) {
      const sample = await call('GET', `/v1/triggers/${type}/sample`);
      await call('POST', '/v1/events', { type, data: sample.data });
    }
    await receiver.waitFor(4, 20_000);

    const { page } = browser;
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('API key').fill(server.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Wait until every delivered hook shows its outcome.
    for (let round = 0; round < 40; round++) {
      const page1 = await call('GET', '/v1/hooks');
      if (page1.data.filter((hook: { lastDelivery: unknown }) => hook.lastDelivery).length >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await page.reload();
    await page.locator('#hooks-list tr[data-hook-id]').nth(3).waitFor();
    await page.screenshot({ path: OUTPUT });
    console.log(`wrote ${OUTPUT}`);
  } finally {
    await browser.close();
    await receiver.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
