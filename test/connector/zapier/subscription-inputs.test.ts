/**
 * How a trigger's Brand and filter inputs become the subscription (connector/zapier/lib/subscription-inputs.js):
 * values typed in Zapier are text, the hook's filter compares JSON values, so each is converted to its
 * field's type, and a value that cannot be is refused before anything is sent.
 */
import nock from 'nock';
import path from 'node:path';
import { APP_DIR, NOCK_SERVER, appTester, authData, errorMessage, rejection } from './zapier-app';
import { useNock } from './use-nock';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hookTrigger } = require(path.join(APP_DIR, 'lib/hook-trigger'));

const FILTERS = [
  { key: 'filter__position', field: 'data.position', label: 'Queue Position', helpText: 'Only this position.', type: 'integer' },
  { key: 'filter__chat__urgent', field: 'data.chat.urgent', label: 'Urgent', helpText: 'Only urgent chats.', type: 'boolean' },
  { key: 'filter__chat__kind', field: 'data.chat.kind', label: 'Kind', helpText: 'Only this kind.', type: 'string', choices: [{ value: 'a', label: 'A', sample: 'a' }] },
];

const trigger = hookTrigger({
  key: 'test_trigger',
  noun: 'Thing',
  display: { label: 'New Thing', description: 'Triggers when a thing happens.' },
  sample: { id: 'evt_1' },
  outputFields: [],
  filters: FILTERS,
  eventType: () => 'chat.queue_position_changed',
});

useNock();

describe('brand and filter inputs of a hook trigger', () => {
  it('when the trigger is built, then the inputs are Brand, then each filter, typed or with choices', () => {
    expect(trigger.operation.inputFields).toEqual([
      expect.objectContaining({ key: 'brand', dynamic: 'brand.id.name', required: false }),
      { key: 'filter__position', label: 'Queue Position', required: false, helpText: 'Only this position.', type: 'integer' },
      { key: 'filter__chat__urgent', label: 'Urgent', required: false, helpText: 'Only urgent chats.', type: 'boolean' },
      { key: 'filter__chat__kind', label: 'Kind', required: false, helpText: 'Only this kind.', choices: [{ value: 'a', label: 'A', sample: 'a' }] },
    ]);
  });

  it('when numbers and yes/no values are typed as text, then the hook filter carries them as JSON numbers and booleans', async () => {
    let body: any;
    nock(NOCK_SERVER)
      .post('/v1/triggers/chat.queue_position_changed/hooks', (sent) => {
        body = sent;
        return true;
      })
      .reply(201, { id: 'hook_1' });

    await appTester(trigger.operation.performSubscribe, {
      authData: authData(),
      targetUrl: 'https://hooks.zapier.com/x',
      inputData: { brand: ' Contoso ', filter__position: '2', filter__chat__urgent: 'Yes', filter__chat__kind: '' },
    });

    expect(body).toMatchObject({ brand: 'Contoso', filter: { 'data.position': 2, 'data.chat.urgent': true } });
    expect(Object.keys(body.filter)).toEqual(['data.position', 'data.chat.urgent']);
  });

  it('when a number input is not a whole number, then subscribing fails naming the input and nothing is sent', async () => {
    const scope = nock(NOCK_SERVER).post(/.*/).reply(201, {});

    const error = await rejection(
      appTester(trigger.operation.performSubscribe, { authData: authData(), targetUrl: 'https://hooks.zapier.com/x', inputData: { filter__position: '2.5' } }),
    );

    expect(errorMessage(error)).toBe('Queue Position: "2.5" is not a whole number.');
    expect(scope.isDone()).toBe(false);
  });
});
