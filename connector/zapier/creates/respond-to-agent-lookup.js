'use strict';

const generated = require('../generated/triggers.json');
const { serverRequest } = require('../lib/server-request');

// The sample answers the catalog's own chat.agent_lookup sample, so the two steps of a Zap agree.
const lookupSample = generated.triggers.find((t) => t.type === 'chat.agent_lookup').sample.data;

// The answer is the lookup as it stands (AgentLookupResult without `elapsedMs`, which only the waiting
// helpdesk's own call gets), so the sample and output fields list exactly what a live answer carries.
async function respondToAgentLookup(z, bundle) {
  const lookupId = String(bundle.inputData.lookupId || '').trim();
  const agentId = String(bundle.inputData.agentId || '').trim();
  const response = await serverRequest(z, bundle, {
    method: 'POST',
    path: `/v1/agent-lookups/${encodeURIComponent(lookupId)}/response`,
    body: { agentId },
  });
  return response.data;
}

module.exports = {
  key: 'respond_to_agent_lookup',
  noun: 'Agent Lookup Response',
  display: {
    label: 'Respond to Agent Lookup',
    description:
      'Answers a chat session\'s agent lookup with the agent to assign. deskhooks takes the first valid answer until the lookup\'s Respond By time (5 seconds after it started).',
  },
  operation: {
    inputFields: [
      {
        key: 'lookupId',
        label: 'Lookup ID',
        required: true,
        helpText: 'Map **Lookup ID** from the **New Chat Agent Lookup** trigger.',
      },
      {
        key: 'agentId',
        label: 'Agent ID',
        required: true,
        helpText: 'The user id of one of the lookup\'s candidate agents (map **Candidate Agents User ID**), for example `hbit~m~42`.',
      },
    ],
    perform: respondToAgentLookup,
    sample: {
      lookupId: lookupSample.lookupId,
      status: 'assigned',
      agentId: lookupSample.candidateAgents[0].userId,
      answeredBy: { via: 'callback', hookId: null },
    },
    outputFields: [
      { key: 'lookupId', label: 'Lookup ID', type: 'string' },
      { key: 'status', label: 'Lookup Status', type: 'string' },
      { key: 'agentId', label: 'Assigned Agent ID', type: 'string' },
      { key: 'answeredBy__via', label: 'Answered Via', type: 'string' },
      { key: 'answeredBy__hookId', label: 'Answered By Hook ID', type: 'string' },
    ],
  },
};
