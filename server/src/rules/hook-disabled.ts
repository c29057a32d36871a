/** The `hook.disabled` event's data (triggers/hook.disabled/schema.json): why a subscription stopped receiving events. */
import type { HookRecord } from '../store/store';

export type DisableReason = 'gone' | 'failing' | 'deleted' | 'deactivated';

export interface HookDisabledFacts {
  at: number;
  failingSince: number | null;
  lastStatus: number | null;
  lastError: string | null;
  autoDisableAfterMs: number;
  /** Every event type, listed instead of `*`, which the event's schema does not accept as a type name. */
  knownTypes: string[];
}

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_-]*)+$/;

function duration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  if (hours >= 1) return `${Math.round(hours)} hours`;
  return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
}

function eventsOf(hook: HookRecord, knownTypes: string[]): string[] {
  const named = hook.events.filter((type) => EVENT_TYPE.test(type));
  return hook.events.includes('*') ? [...new Set([...named, ...knownTypes])] : named;
}

export function hookDisabledData(hook: HookRecord, reason: DisableReason, facts: HookDisabledFacts): Record<string, unknown> {
  const message =
    reason === 'gone'
      ? 'The receiver answered 410 Gone, so the subscription was removed.'
      : reason === 'failing'
        ? `Deliveries to this subscription kept failing for ${duration(facts.autoDisableAfterMs)}, so it was disabled. Fix the receiver and activate it again.`
        : reason === 'deleted'
          ? 'The subscription was deleted.'
          : 'The subscription was deactivated.';
  return {
    hook: { id: hook.id, name: hook.name, url: hook.url, description: hook.description, events: eventsOf(hook, facts.knownTypes) },
    reason,
    message,
    disabledAt: new Date(facts.at).toISOString(),
    failingSince: facts.failingSince === null ? null : new Date(facts.failingSince).toISOString(),
    lastStatus: facts.lastStatus !== null && facts.lastStatus >= 100 && facts.lastStatus <= 599 ? facts.lastStatus : null,
    lastError: facts.lastError,
  };
}
