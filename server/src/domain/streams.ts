/**
 * Streamed delivery (issue #18), the use cases behind GET /v1/hooks/{id}/stream and its acks: who may
 * open a stream (a live stream hook of the caller's tenant) and what an ack must say. The consumers and
 * the waiting deliveries live in the engine's stream hub (outbound/stream-hub.ts).
 */
import type { AppDeps } from '../app-deps';
import type { StreamHub } from '../outbound/stream-hub';
import type { HookRecord } from '../store/store';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { getHook } from './hooks';

/** How much of the consumer's receiver answer is kept: what the attempt log shows of any answer (2 KiB). */
export const ACK_BODY_CHARS = 2048;

export interface AckInput {
  attemptId: string;
  status?: number;
  body?: string;
  error?: string;
}

function hubOf(deps: AppDeps): StreamHub {
  const hub = deps.engine.streams?.();
  if (!hub) throw new Error('streams need the delivery engine');
  return hub;
}

/** The hook whose stream may be opened: 404 for another tenant's, 409 for one that is not a live stream hook. */
export async function streamableHook(deps: AppDeps, tenantId: string, hookId: string): Promise<{ hook: HookRecord; hub: StreamHub }> {
  const hook = await getHook(deps, tenantId, hookId);
  if (hook.destination !== 'stream') {
    throw new ConflictError(`Hook ${hookId} is not a stream hook (its destination is ${hook.destination}).`, [
      // The hook's field, not this request's: no location.
      { pointer: '/destination', detail: 'must be {"type": "stream"} to be consumed as a stream' },
    ]);
  }
  if (hook.deletedAt !== null) throw new ConflictError(`Hook ${hookId} is deleted; restore it before you stream it.`);
  const hub = hubOf(deps);
  const refused = hub.refusal(tenantId, hookId);
  if (refused) throw new ConflictError(`Too many stream consumers: ${refused}. Close one first.`);
  return { hook, hub };
}

/** Settles a streamed attempt with the consumer's answer, on whichever node the ack arrives. */
export async function acknowledge(deps: AppDeps, tenantId: string, hookId: string, input: AckInput): Promise<void> {
  const hasStatus = input.status !== undefined;
  const hasError = input.error !== undefined;
  if (hasStatus === hasError) {
    throw new ValidationError('An ack carries exactly one of status and error.', [
      {
        pointer: '/status',
        location: 'body',
        detail: hasStatus ? 'give status (the receiver answered) or error (it could not be reached), not both' : 'is required unless error is given',
      },
    ]);
  }
  await getHook(deps, tenantId, hookId);
  const accepted = await hubOf(deps).ack(tenantId, hookId, input.attemptId, {
    status: input.status ?? null,
    body: hasStatus ? (input.body ?? '').slice(0, ACK_BODY_CHARS) : null,
    error: input.error ?? null,
    ackedAt: deps.clock.now(),
  });
  if (!accepted) {
    throw new NotFoundError(`No attempt ${input.attemptId} of hook ${hookId} is waiting for an ack.`, [
      { pointer: '/attemptId', location: 'body', detail: 'names no open attempt of this hook (unknown, already acknowledged, or timed out)' },
    ]);
  }
}
