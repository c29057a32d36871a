'use strict';

const { serverRequest } = require('../lib/server-request');

async function sendTestDelivery(z, bundle) {
  const hookId = String(bundle.inputData.hookId || '').trim();
  const type = String(bundle.inputData.eventType || '').trim();
  const response = await serverRequest(z, bundle, {
    method: 'POST',
    path: `/v1/hooks/${encodeURIComponent(hookId)}/test`,
    body: type ? { type } : {},
  });
  return response.data;
}

module.exports = {
  key: 'send_test_delivery',
  noun: 'Test Delivery',
  display: {
    label: 'Send Test Delivery',
    description: 'Sends the sample event of a type to one of your webhook subscriptions, marked as a test, to check the endpoint works.',
  },
  operation: {
    inputFields: [
      {
        key: 'hookId',
        label: 'Subscription',
        required: true,
        dynamic: 'hook.id.name',
        helpText: 'The webhook subscription to send the test to.',
      },
      {
        key: 'eventType',
        label: 'Event Type',
        required: false,
        dynamic: 'event_type.id.name',
        helpText: "Whose sample to send; the subscription's first event type when left empty.",
      },
    ],
    perform: sendTestDelivery,
    sample: {
      id: 'msg_01JNMV2S8ZK6W3XG5T4QF0R9AC',
      hookId: 'hook_01JNMTZQ4V9S2K7D3M8E6B1A0F',
      eventId: 'evt_01JNMV2S8ZK6W3XG5T4QF0R9AD',
      eventType: 'chat.missed',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-03-02T09:14:05.000Z',
      lastAttemptAt: null,
      lastResponseStatus: null,
      lastError: null,
      cancelReason: null,
      test: true,
      createdAt: '2026-03-02T09:14:05.000Z',
      updatedAt: '2026-03-02T09:14:05.000Z',
    },
    outputFields: [
      { key: 'id', label: 'Delivery ID', type: 'string' },
      { key: 'hookId', label: 'Subscription ID', type: 'string' },
      { key: 'eventId', label: 'Event ID', type: 'string' },
      { key: 'eventType', label: 'Event Type', type: 'string' },
      { key: 'status', label: 'Delivery Status', type: 'string' },
      { key: 'attempts', label: 'Attempts', type: 'integer' },
      { key: 'nextAttemptAt', label: 'Next Attempt At', type: 'datetime' },
      { key: 'lastAttemptAt', label: 'Last Attempt At', type: 'datetime' },
      { key: 'lastResponseStatus', label: 'Last Response Status', type: 'integer' },
      { key: 'lastError', label: 'Last Error', type: 'string' },
      { key: 'cancelReason', label: 'Cancel Reason', type: 'string' },
      { key: 'test', label: 'Test', type: 'boolean' },
      { key: 'createdAt', label: 'Created At', type: 'datetime' },
      { key: 'updatedAt', label: 'Updated At', type: 'datetime' },
    ],
  },
};
