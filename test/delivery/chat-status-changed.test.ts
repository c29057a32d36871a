/**
 * BoldDesk's "Conversation Status Change", over real HTTP: chat.status_changed carries the previous
 * and the new status, so a flow can react to one transition (handled → completed) with a filter,
 * while chat.updated keeps working beside it. Zapier and Power Automate get the trigger too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startTestServer, type TestServer } from '../helpers/start-server';
import { createHook, publish, sample, settle, uniqueBrand } from './fixtures';

let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startReceiver({ status: 204 });
});
afterAll(async () => {
  await receiver.close();
  await server.close();
});

function statusChange(previousStatus: string, status: string): Record<string, any> {
  const data = sample('chat.status_changed') as any;
  data.previousStatus = previousStatus;
  data.status = status;
  data.chat.status = status;
  return data;
}

test('when a hook filters on one transition, then only that status change is delivered, with both statuses', async () => {
  const brand = uniqueBrand();
  const hook = await createHook(server, {
    url: `${receiver.url}/closed`,
    events: ['chat.status_changed'],
    brand,
    filter: { 'data.previousStatus': 'handled', 'data.status': 'completed' },
  });
  await publish(server, 'chat.status_changed', brand, statusChange('created', 'handled'));
  const closed = await publish(server, 'chat.status_changed', brand, statusChange('handled', 'completed'));
  await publish(server, 'chat.status_changed', brand, statusChange('created', 'missed'));
  await settle(server);
  const requests = receiver.requests.filter((request) => request.url === '/closed');
  expect(requests).toHaveLength(1);
  const event = new Webhook(hook.secret).verify(requests[0].body, requests[0].headers as Record<string, string>) as any;
  expect(event).toMatchObject({ id: closed, type: 'chat.status_changed', data: { previousStatus: 'handled', status: 'completed', chat: { status: 'completed' } } });
});

test('when a status change is published with a status the chat session does not know, then it is refused naming the field', async () => {
  const response = await server.request('POST', '/v1/events', { body: { type: 'chat.status_changed', data: statusChange('open', 'completed') } });
  expect(response.status).toBe(422);
  expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/data/previousStatus' })]);
});

test('when the connectors are generated, then Zapier and Power Automate both offer the trigger', () => {
  const root = path.resolve(__dirname, '../..');
  const zapier = JSON.parse(fs.readFileSync(path.join(root, 'connector/zapier/generated/triggers.json'), 'utf8'));
  const zapierTrigger = JSON.stringify(zapier).includes('"type":"chat.status_changed"');
  const swagger = JSON.parse(fs.readFileSync(path.join(root, 'connector/power-automate/apiDefinition.swagger.json'), 'utf8'));
  const operation = swagger.paths['/v1/triggers/chat.status_changed/hooks']?.post;
  expect(zapierTrigger).toBe(true);
  expect(operation).toMatchObject({ operationId: 'OnChatStatusChanged', summary: 'When a chat session status changes', 'x-ms-trigger': 'single' });
});
