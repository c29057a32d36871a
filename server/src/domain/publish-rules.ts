/**
 * What a tenant may put in a publish beyond its data's schema: the ids it chooses (event `id`,
 * `Idempotency-Key`) and the event type. Pure functions, so every way into the event store (the API
 * route, a batch or fast ingest path) applies the same rules before anything is written:
 * - Caller-chosen ids end up in URLs (`Location`), headers and logs, and are compared byte for byte
 *   by both stores, so they are limited to a safe ASCII pattern. A lone surrogate once stored an
 *   event whose `Location` could not be built (a 500 after the commit), and the retry came back
 *   under a different, mangled id.
 * - Reusing an id or key is a retry only when it carries the same event; otherwise it is a conflict
 *   (409), never a silent `duplicate: true` that drops the second event.
 * - Operational event types are published by deskhooks itself and cannot be spoofed by a tenant.
 */
import crypto from 'node:crypto';
import type { EventRecord } from '../store/store';
import type { ProblemField } from './errors';

/** Event ids and Idempotency-Keys: 1 to 128 of `A-Z a-z 0-9 . _ : ~ -`, starting with a letter or digit. */
export const CALLER_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}$';
export const CALLER_ID_MAX_LENGTH = 128;
const CALLER_ID = new RegExp(CALLER_ID_PATTERN);

/** Event types only deskhooks publishes, and why. */
export const RESERVED_EVENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['hook.disabled', 'deskhooks publishes it when a subscription stops (auto-disabled, 410 Gone, deactivated or deleted)'],
  ['chat.agent_lookup', 'it is published by POST /v1/chats/{chatId}/agent-lookup, which opens the lookup that answers must match'],
]);

/** Why a caller-chosen id is refused, or null. */
export function callerIdProblem(value: string): string | null {
  if (value.length > CALLER_ID_MAX_LENGTH) return `is ${value.length} characters long; at most ${CALLER_ID_MAX_LENGTH} are allowed`;
  if (!CALLER_ID.test(value)) {
    return `must match ${CALLER_ID_PATTERN}: 1 to ${CALLER_ID_MAX_LENGTH} ASCII letters, digits and . _ : ~ -, starting with a letter or digit`;
  }
  return null;
}

/** Why a tenant may not publish this type, or null. */
export function reservedTypeProblem(type: string): string | null {
  const why = RESERVED_EVENT_TYPES.get(type);
  return why ? `is ${type}, a reserved system event type: ${why}` : null;
}

export interface PublishRuleInput {
  type: string;
  id?: string;
  idempotencyKey?: string;
}

/** Every rule a tenant's publish breaks (body pointers and the header parameter), before any read or write. */
export function publishRuleProblems(input: PublishRuleInput): ProblemField[] {
  const problems: ProblemField[] = [];
  if (input.id !== undefined) {
    const detail = callerIdProblem(input.id);
    if (detail) problems.push({ pointer: '/id', location: 'body', detail });
  }
  const reserved = reservedTypeProblem(input.type);
  if (reserved) problems.push({ pointer: '/type', location: 'body', detail: reserved });
  if (input.idempotencyKey !== undefined) {
    const detail = callerIdProblem(input.idempotencyKey);
    if (detail) problems.push({ parameter: 'Idempotency-Key', location: 'header', detail });
  }
  return problems;
}

/** JSON with object keys sorted at every depth: the same value gives the same text in both stores (jsonb reorders keys). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of what makes two publishes the same event: type, brand and data. */
export function eventFingerprint(event: { type: string; brand?: string | null; data: unknown }): string {
  return crypto.createHash('sha256').update(canonicalJson([event.type, event.brand ?? null, event.data])).digest('hex');
}

/**
 * Why a publish that hit an existing event (same id or Idempotency-Key) is not a retry of it, or
 * null when it is: a different type, brand or data, or (with a key) a different explicit id.
 */
export function replayConflict(existing: EventRecord, input: { type: string; brand?: string | null; data: unknown; id?: string; idempotencyKey?: string }): string | null {
  const by = input.idempotencyKey !== undefined && existing.idempotencyKey === input.idempotencyKey ? `Idempotency-Key ${input.idempotencyKey}` : `id ${existing.id}`;
  if (input.id !== undefined && input.id !== existing.id) {
    return `The ${by} was already used for event ${existing.id}; a retry must send the same id.`;
  }
  if (eventFingerprint(existing) !== eventFingerprint(input)) {
    return `The ${by} was already used for a different event (type ${existing.type}); a retry must send the same type, brand and data, and a new event needs a new id.`;
  }
  return null;
}
