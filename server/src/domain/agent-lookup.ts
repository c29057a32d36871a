/**
 * The synchronous agent lookup (the live-chat server's 5-second agent webhook): `chat.agent_lookup`
 * goes straight to the tenant's subscribed hooks, not through the queue, and the first valid agent
 * id wins, whether it comes back in a hook's HTTP response (`{"agent_id": "…"}`) or, from a
 * low-code flow, through POST /v1/agent-lookups/{id}/response on any node (the store holds the
 * answer). With no answer inside the budget, `chat.no_agents_available` is published.
 */
import type { AppDeps } from '../app-deps';
import { createHttpClient, type HttpClient } from '../outbound/http-client';
import { hookMatches, newDeliveryId } from '../rules/plan';
import { buildRequest, formatContext } from '../rules/request-builder';
import type { AgentLookupRecord, EventRecord, HookRecord } from '../store/store';
import { notifyAgentLookupAnswered, onAgentLookupAnswered } from './agent-lookup-waiters';
import { ConflictError, NotFoundError, ValidationError, type ProblemField } from './errors';
import { publishEvent, toEnvelope } from './events';
import { prefixedId } from './ids';

export interface AgentLookupInput {
  chat: Record<string, unknown>;
  candidateAgents?: Array<string | Record<string, unknown>>;
  invitedAgent?: Record<string, unknown> | null;
  attempt?: number;
  brand?: string | null;
}

export interface AgentLookupResult {
  lookupId: string;
  status: AgentLookupRecord['status'];
  agentId: string | null;
  answeredBy: { via: 'webhook_response' | 'callback'; hookId: string | null } | null;
  elapsedMs?: number;
}

/** How often a waiting lookup re-reads the store for an answer another node took. */
const POLL_MS = 100;
const MAX_ANSWER_BYTES = 16 * 1024;

type User = Record<string, unknown> & { userId?: unknown };

const eventIdOf = (lookupId: string): string => `evt_${lookupId}`;

function resultOf(lookup: AgentLookupRecord, elapsedMs?: number): AgentLookupResult {
  return {
    lookupId: lookup.id,
    status: lookup.status,
    agentId: lookup.agentId,
    answeredBy: lookup.answeredVia ? { via: lookup.answeredVia, hookId: lookup.answeredHookId } : null,
    ...(elapsedMs === undefined ? {} : { elapsedMs }),
  };
}

/** The chat's known users, by userId, for candidates given as ids. */
function chatUsers(chat: Record<string, unknown>): Map<string, User> {
  const users = new Map<string, User>();
  for (const key of ['targetUsers', 'users', 'participants', 'creator']) {
    const value = chat[key];
    for (const user of Array.isArray(value) ? value : value ? [value] : []) {
      if (user && typeof user === 'object' && typeof (user as User).userId === 'string') users.set((user as User).userId as string, user as User);
    }
  }
  return users;
}

function resolveCandidates(input: AgentLookupInput): { candidates: User[]; problems: ProblemField[] } {
  const known = chatUsers(input.chat);
  const problems: ProblemField[] = [];
  const candidates: User[] = [];
  (input.candidateAgents ?? []).forEach((candidate, index) => {
    if (typeof candidate !== 'string') {
      candidates.push(candidate as User);
      return;
    }
    const user = known.get(candidate);
    if (user) candidates.push(user);
    else {
      problems.push({
        pointer: `/candidateAgents/${index}`,
        location: 'body',
        detail: `is not a user of this chat (targetUsers, users, participants): give agent ${candidate} as a User object`,
      });
    }
  });
  return { candidates, problems };
}

/** The userId the answer names, when it is a valid choice. */
function validAgent(agentId: unknown, candidates: User[]): string | null {
  if (typeof agentId !== 'string' || agentId.length === 0 || agentId.length > 200) return null;
  if (candidates.length === 0) return agentId;
  return candidates.some((c) => c.userId === agentId) ? agentId : null;
}

/** `{"agent_id": "…"}` (or `agentId`) from a hook's response body. */
function agentFromResponse(body: string): unknown {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return parsed && typeof parsed === 'object' ? (parsed.agent_id ?? parsed.agentId) : undefined;
  } catch {
    return undefined;
  }
}

const fallbackClients = new WeakMap<object, HttpClient>();

/** The engine's client (same SSRF guard and pools); a client of our own when the engine has none. */
function httpClient(deps: AppDeps): HttpClient {
  if (deps.engine.http) return deps.engine.http();
  let client = fallbackClients.get(deps.config);
  if (!client) {
    client = createHttpClient({
      connectTimeoutMs: deps.config.connectTimeoutMs,
      totalTimeoutMs: deps.config.agentLookupBudgetMs,
      maxResponseBytes: MAX_ANSWER_BYTES,
      allowInsecureTargets: deps.config.allowInsecureTargets,
    });
    fallbackClients.set(deps.config, client);
  }
  return client;
}

export async function lookupAgent(deps: AppDeps, tenantId: string, chatId: string, input: AgentLookupInput): Promise<AgentLookupResult> {
  const started = Date.now();
  const deadline = started + deps.config.agentLookupBudgetMs;
  const now = deps.clock.now();
  const tenant = await deps.store.getTenant(tenantId);
  if (!tenant) throw new NotFoundError(`No tenant ${tenantId}.`);

  const { candidates, problems } = resolveCandidates(input);
  if (input.chat.id !== undefined && input.chat.id !== chatId) {
    problems.push({ pointer: '/chat/id', location: 'body', detail: `must be the chat id in the path (${chatId})` });
  }
  const lookupId = prefixedId('lkp', now);
  const data = {
    chat: input.chat,
    lookupId,
    attempt: input.attempt ?? 1,
    invitedAgent: input.invitedAgent !== undefined ? input.invitedAgent : (candidates[0] ?? null),
    candidateAgents: candidates,
    respondBy: new Date(now + deps.config.agentLookupBudgetMs).toISOString(),
    responseUrl: `${deps.config.publicUrl}/v1/agent-lookups/${lookupId}/response`,
  };
  if (problems.length === 0) {
    // Candidates given as ids were replaced by User objects, so their pointers still line up.
    problems.push(...deps.catalog.validateData('chat.agent_lookup', data).map((field) => ({ ...field, location: 'body' as const })));
  }
  if (problems.length > 0) throw new ValidationError('The agent lookup does not validate against chat.agent_lookup.', problems);

  await deps.store.createAgentLookup({
    id: lookupId,
    tenantId,
    chatId,
    status: 'pending',
    agentId: null,
    answeredVia: null,
    answeredHookId: null,
    createdAt: now,
    expiresAt: now + deps.config.agentLookupBudgetMs,
  });
  const event: EventRecord = {
    id: eventIdOf(lookupId),
    tenantId,
    type: 'chat.agent_lookup',
    brand: input.brand ?? null,
    data,
    timestamp: now,
    idempotencyKey: null,
    test: false,
    deliveryCount: 0,
    createdAt: now,
  };
  // Stored like any event (listed, and read back by the callback endpoint) but planned with no
  // queued deliveries: the hooks get it synchronously below. The store hands over the candidates.
  let hooks: HookRecord[] = [];
  const envelope = toEnvelope(event);
  await deps.store.appendEvent(event, (found) => {
    hooks = tenant.webhooksEnabled ? found : [];
    return [];
  });
  hooks = hooks.filter((hook) => hookMatches(hook, envelope));

  const log = deps.logger.child({ tenantId, lookupId, chatId, eventId: event.id });
  const abort = new AbortController();
  let settled = false;
  // Wakes the waiting loop below at once (an answer landed); otherwise it polls the store.
  let signal: () => void = () => undefined;
  const wakeWaiter = () => signal();
  const client = httpClient(deps);

  const ask = async (hook: HookRecord): Promise<void> => {
    const request = buildRequest(hook, [envelope], { msgId: newDeliveryId(now), signedAt: new Date(), now: deps.clock.now(), ...(await formatContext(deps.store, hook)) });
    const result = await client.send(request, { signal: abort.signal, timeoutMs: Math.max(1, deadline - Date.now()) });
    if (settled) return;
    if (result.kind !== 'response') {
      log.info({ hookId: hook.id, outcome: result.outcome, error: result.error }, 'agent lookup hook did not answer');
      return;
    }
    const agentId = validAgent(agentFromResponse(result.body), candidates);
    log.info({ hookId: hook.id, responseStatus: result.status, agentId, durationMs: result.durationMs }, 'agent lookup hook answered');
    if (result.status < 200 || result.status >= 300 || !agentId) return;
    const answer = await deps.store.answerAgentLookup(tenantId, lookupId, { agentId, via: 'webhook_response', hookId: hook.id }, deps.clock.now());
    if (answer.accepted) wakeWaiter();
  };
  const requests = hooks.map((hook) =>
    ask(hook).catch((error: unknown) => log.warn({ err: error, hookId: hook.id }, 'agent lookup request failed')),
  );

  // A hook that answers without an agent may still answer through the callback (low-code flows
  // acknowledge first), so the lookup waits for the whole budget unless an agent is chosen.
  const unsubscribe = onAgentLookupAnswered(lookupId, wakeWaiter);
  let lookup: AgentLookupRecord | undefined;
  try {
    // With no hook asked, no answer can come (the callback needs the lookup id from the event).
    while (hooks.length > 0) {
      lookup = await deps.store.getAgentLookup(tenantId, lookupId);
      if (!lookup || lookup.status !== 'pending') break;
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(POLL_MS, remaining));
        signal = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      signal = () => undefined;
    }
  } finally {
    settled = true;
    unsubscribe();
    abort.abort();
  }
  await Promise.allSettled(requests);

  lookup = await deps.store.getAgentLookup(tenantId, lookupId);
  const elapsedMs = Date.now() - started;
  if (lookup && lookup.status === 'assigned') {
    deps.metrics.agentLookups.inc({ status: 'assigned' });
    log.info({ agentId: lookup.agentId, via: lookup.answeredVia, hookId: lookup.answeredHookId, elapsedMs }, 'agent lookup assigned');
    return resultOf(lookup, elapsedMs);
  }
  await deps.store.finishAgentLookup(tenantId, lookupId, 'no_agents_available');
  lookup = await deps.store.getAgentLookup(tenantId, lookupId);
  if (lookup && lookup.status === 'assigned') {
    // An answer landed between the deadline and the finish: it counts.
    deps.metrics.agentLookups.inc({ status: 'assigned' });
    return resultOf(lookup, Date.now() - started);
  }
  deps.metrics.agentLookups.inc({ status: 'no_agents_available' });
  log.info({ hooks: hooks.length, elapsedMs }, 'agent lookup found no agent in time');
  try {
    await publishEvent(deps, tenantId, {
      type: 'chat.no_agents_available',
      brand: input.brand ?? null,
      data: { chat: input.chat, invitedAgents: data.invitedAgent ? [data.invitedAgent] : [], attempts: data.attempt },
    });
  } catch (error) {
    log.error({ err: error }, 'could not publish chat.no_agents_available');
  }
  return resultOf(lookup ?? { id: lookupId, tenantId, chatId, status: 'no_agents_available', agentId: null, answeredVia: null, answeredHookId: null, createdAt: now, expiresAt: now }, Date.now() - started);
}

/** A low-code flow's answer. The first valid answer inside the budget wins, on whichever node. */
export async function answerAgentLookup(deps: AppDeps, tenantId: string, lookupId: string, agentId: string): Promise<AgentLookupResult> {
  const lookup = await deps.store.getAgentLookup(tenantId, lookupId);
  if (!lookup) throw new NotFoundError(`No agent lookup ${lookupId}.`);
  const now = deps.clock.now();
  if (lookup.status !== 'pending') {
    throw new ConflictError(
      lookup.status === 'assigned'
        ? `Agent lookup ${lookupId} was already answered (agent ${lookup.agentId}).`
        : `Agent lookup ${lookupId} is over: no agent was found in time.`,
    );
  }
  if (lookup.expiresAt <= now) throw new ConflictError(`Agent lookup ${lookupId} is over: its ${deps.config.agentLookupBudgetMs} ms budget ran out.`);
  const event = await deps.store.getEvent(tenantId, eventIdOf(lookupId));
  const candidates = ((event?.data as { candidateAgents?: User[] } | undefined)?.candidateAgents ?? []) as User[];
  if (!validAgent(agentId, candidates)) {
    throw new ValidationError([
      {
        pointer: '/agentId',
        location: 'body',
        detail: `is not one of the candidate agents: ${candidates.map((c) => String(c.userId)).join(', ')}`,
      },
    ]);
  }
  const answer = await deps.store.answerAgentLookup(tenantId, lookupId, { agentId, via: 'callback', hookId: null }, now);
  if (!answer.accepted || !answer.lookup) {
    throw new ConflictError(`Agent lookup ${lookupId} was answered by someone else or ran out of time first.`);
  }
  notifyAgentLookupAnswered(lookupId);
  deps.logger.info({ tenantId, lookupId, agentId }, 'agent lookup answered through the callback');
  return resultOf(answer.lookup);
}
