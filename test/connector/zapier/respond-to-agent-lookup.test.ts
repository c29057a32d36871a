import nock from 'nock';
import { API_KEY, App, NOCK_SERVER, appTester, authData, errorMessage, rejection } from './zapier-app';
import { useNock } from './use-nock';

const action = App.creates.respond_to_agent_lookup;
const LOOKUP_ID = 'lkp_01JNQ8Z5D2H7M4P9R6S3T1V8XW';

useNock();

describe('the Respond to Agent Lookup action', () => {
  it('when a Zap answers a lookup, then it posts the agent id to the lookup response URL and returns the outcome', async () => {
    const outcome = { lookupId: LOOKUP_ID, status: 'assigned', agentId: 'hbit~m~42', answeredBy: { via: 'callback', hookId: null } };
    const scope = nock(NOCK_SERVER, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(`/v1/agent-lookups/${LOOKUP_ID}/response`, { agentId: 'hbit~m~42' })
      .reply(200, outcome);

    const result = await appTester(action.operation.perform, { authData: authData(), inputData: { lookupId: ` ${LOOKUP_ID} `, agentId: 'hbit~m~42' } });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual(outcome);
  });

  it('when the lookup window has closed (409), then the error carries the server explanation', async () => {
    nock(NOCK_SERVER)
      .post(`/v1/agent-lookups/${LOOKUP_ID}/response`)
      .reply(409, { title: 'Conflict', status: 409, detail: 'The lookup was already answered or its 5 seconds are over.' }, { 'Content-Type': 'application/problem+json' });

    const error = await rejection(appTester(action.operation.perform, { authData: authData(), inputData: { lookupId: LOOKUP_ID, agentId: 'hbit~m~42' } }));

    expect(errorMessage(error)).toBe('The lookup was already answered or its 5 seconds are over. (Conflict)');
  });

  it('when the agent id is refused (400), then the error names the field', async () => {
    nock(NOCK_SERVER)
      .post(`/v1/agent-lookups/${LOOKUP_ID}/response`)
      .reply(400, { title: 'Bad Request', status: 400, errors: [{ pointer: '/agentId', location: 'body', detail: 'must NOT have fewer than 1 characters' }] });

    const error = await rejection(appTester(action.operation.perform, { authData: authData(), inputData: { lookupId: LOOKUP_ID, agentId: '' } }));

    expect(errorMessage(error)).toBe('agentId: must NOT have fewer than 1 characters (Bad Request)');
  });

  it('when the sample is shown, then it answers the catalog chat.agent_lookup sample with one of its candidates', () => {
    const lookup = App.triggers.chat_agent_lookup.operation.sample.data;

    expect(action.operation.sample.lookupId).toBe(lookup.lookupId);
    expect(lookup.candidateAgents.map((a: { userId: string }) => a.userId)).toContain(action.operation.sample.agentId);
  });

  it('when the output fields are listed, then they are exactly the sample fields (no elapsedMs, which a live answer never has)', () => {
    const keys = action.operation.outputFields.map((f: { key: string }) => f.key).sort();

    expect(keys).toEqual(['agentId', 'answeredBy__hookId', 'answeredBy__via', 'lookupId', 'status']);
    expect(action.operation.sample).not.toHaveProperty('elapsedMs');
  });
});
