/**
 * Streamed delivery (issue #18): the SSE consumers connected to this node, and the deliveries handed to
 * them that wait for an acknowledgement. A stream hook's request is built and signed as for a URL hook;
 * instead of being posted it is written to one of the hook's consumers here (round robin), and the
 * attempt ends with the consumer's ack (its local receiver's answer), a timeout, or the consumer going
 * away. Several nodes: only a node holding a consumer claims the hook's deliveries (the engine passes
 * `hookIds()` to the claim), and an ack may reach any node, so it goes through the store
 * (stream_attempts): the node that receives it writes it, and the node waiting for it is told at once
 * when that is itself, or finds it by polling its own open attempts every ACK_POLL_MS otherwise.
 */
import crypto from 'node:crypto';
import type { StreamAck, Store } from '../store/store';
import type { OutboundRequest, OutboundResult } from './http-client';

/** How often a node looks for acks that reached another node, while it waits for any. */
export const ACK_POLL_MS = 200;

/** Consumers one node holds at most, per hook and per tenant: an open response costs memory and a socket. */
export const MAX_CONSUMERS_PER_HOOK = 10;
export const MAX_CONSUMERS_PER_TENANT = 50;

export interface StreamConsumer {
  /** Writes one chunk of the event stream. */
  write(chunk: string): void;
  /** Ends the response (shutdown). */
  end(): void;
}

export interface StreamDelivery {
  tenantId: string;
  hookId: string;
  deliveryId: string;
  attempt: number;
  request: OutboundRequest;
}

interface Waiter {
  consumer: StreamConsumer;
  settle: (result: { kind: 'ack' } | { kind: 'closed' } | { kind: 'aborted' }) => void;
}

/** One SSE event; `data` is one JSON line (JSON.stringify never emits a raw newline). */
export function sseEvent(event: string, data: unknown, id?: string): string {
  return `event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

export function createStreamHub(options: { store: Store; owner: string; now: () => number; onError?: (error: unknown) => void }) {
  const { store, owner } = options;
  const consumers = new Map<string, StreamConsumer[]>();
  const turn = new Map<string, number>();
  const waiting = new Map<string, Waiter>();
  const connectListeners = new Set<() => void>();
  let pollTimer: NodeJS.Timeout | null = null;
  let polling = false;

  const keyOf = (tenantId: string, hookId: string) => `${tenantId}\u0000${hookId}`;

  function schedulePoll(): void {
    if (pollTimer || waiting.size === 0) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      void poll();
    }, ACK_POLL_MS);
    pollTimer.unref();
  }

  /**
   * Takes the acks stored for these attempts (removing them) and hands each to its delivery. Every take
   * in flight is tracked: a delivery whose wait ends meanwhile (timeout) waits for them before deciding,
   * so an ack the store already gave away is never lost.
   */
  async function take(ids: string[]): Promise<void> {
    const taking = store.takeStreamAcks(owner, ids).then((acks) => {
      for (const ack of acks) finish(ack.id, ack);
    });
    takes.add(taking);
    try {
      await taking;
    } finally {
      takes.delete(taking);
    }
  }

  /** Acks written by other nodes for the attempts this node waits for. */
  async function poll(): Promise<void> {
    if (polling || waiting.size === 0) return;
    polling = true;
    try {
      await take([...waiting.keys()]);
    } catch (error) {
      options.onError?.(error);
    } finally {
      polling = false;
      schedulePoll();
    }
  }

  /** Attempts opened here and not yet decided, and the acks taken for them. */
  const undecided = new Set<string>();
  const acksTaken = new Map<string, StreamAck>();
  const takes = new Set<Promise<void>>();
  function finish(id: string, ack: StreamAck): void {
    if (!undecided.has(id)) return;
    acksTaken.set(id, ack);
    waiting.get(id)?.settle({ kind: 'ack' });
  }

  function pick(tenantId: string, hookId: string): StreamConsumer | undefined {
    const key = keyOf(tenantId, hookId);
    const list = consumers.get(key);
    if (!list || list.length === 0) return undefined;
    const next = (turn.get(key) ?? 0) % list.length;
    turn.set(key, next + 1);
    return list[next];
  }

  return {
    /** Why one more consumer of this hook cannot connect here (a limit is reached), or null. */
    refusal(tenantId: string, hookId: string): string | null {
      if ((consumers.get(keyOf(tenantId, hookId))?.length ?? 0) >= MAX_CONSUMERS_PER_HOOK) {
        return `this hook already has ${MAX_CONSUMERS_PER_HOOK} consumers on this node`;
      }
      let ofTenant = 0;
      for (const [key, list] of consumers) if (key.startsWith(`${tenantId}\u0000`)) ofTenant += list.length;
      return ofTenant >= MAX_CONSUMERS_PER_TENANT ? `this tenant already has ${MAX_CONSUMERS_PER_TENANT} stream consumers on this node` : null;
    },

    /** Registers a consumer of the hook's stream; returns the function that removes it. */
    connect(tenantId: string, hookId: string, consumer: StreamConsumer): () => void {
      const key = keyOf(tenantId, hookId);
      consumers.set(key, [...(consumers.get(key) ?? []), consumer]);
      for (const listener of connectListeners) listener();
      return () => {
        const left = (consumers.get(key) ?? []).filter((c) => c !== consumer);
        if (left.length > 0) consumers.set(key, left);
        else {
          consumers.delete(key);
          turn.delete(key);
        }
        // What it was sent and has not acknowledged cannot be acknowledged through it any more.
        for (const waiter of waiting.values()) if (waiter.consumer === consumer) waiter.settle({ kind: 'closed' });
      };
    },

    /** The stream hooks with a consumer on this node (the claim takes only their stream deliveries). */
    hookIds(): string[] {
      return [...consumers.keys()].map((key) => key.slice(key.indexOf('\u0000') + 1));
    },

    /** Called when a consumer connects (the engine looks for its waiting deliveries). */
    onConnect(listener: () => void): () => void {
      connectListeners.add(listener);
      return () => connectListeners.delete(listener);
    },

    /**
     * Hands a delivery to a consumer and waits for its ack, at most `timeoutMs`. `no-consumer`: none is
     * connected here (any more); `aborted`: the engine is stopping (nothing to record).
     */
    async deliver(delivery: StreamDelivery, timeoutMs: number, signal: AbortSignal): Promise<OutboundResult | 'no-consumer' | 'aborted'> {
      const consumer = pick(delivery.tenantId, delivery.hookId);
      if (!consumer) return 'no-consumer';
      const id = `sat_${crypto.randomBytes(16).toString('base64url')}`;
      const startedAt = performance.now();
      const now = options.now();
      await store.openStreamAttempt({
        id,
        tenantId: delivery.tenantId,
        hookId: delivery.hookId,
        deliveryId: delivery.deliveryId,
        owner,
        createdAt: now,
        expiresAt: now + timeoutMs,
      });
      undecided.add(id);
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const ended = await new Promise<{ kind: 'ack' | 'closed' | 'aborted' | 'timeout' }>((resolve) => {
        waiting.set(id, { consumer, settle: resolve });
        timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
        onAbort = () => resolve({ kind: 'aborted' });
        signal.addEventListener('abort', onAbort, { once: true });
        const { request } = delivery;
        consumer.write(
          sseEvent(
            'delivery',
            { attemptId: id, deliveryId: delivery.deliveryId, attempt: delivery.attempt, method: request.method, headers: request.headers, body: request.body ?? '' },
            id,
          ),
        );
        schedulePoll();
      });
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
      waiting.delete(id);
      // An ack that landed while the wait ended another way still wins: the consumer did answer.
      let ack: StreamAck | undefined;
      try {
        await Promise.allSettled([...takes]);
        ack = acksTaken.get(id) ?? (await store.closeStreamAttempt(id));
      } finally {
        undecided.delete(id);
        acksTaken.delete(id);
      }
      const durationMs = Math.round(performance.now() - startedAt);
      if (ack) {
        if (ack.error !== null) return { kind: 'error', outcome: 'network', error: `the stream consumer could not reach its receiver: ${ack.error}`, durationMs };
        return { kind: 'response', status: ack.status ?? 0, headers: {}, body: ack.body ?? '', truncated: false, durationMs };
      }
      if (ended.kind === 'aborted') return 'aborted';
      if (ended.kind === 'closed') return { kind: 'error', outcome: 'network', error: 'the stream consumer disconnected before acknowledging', durationMs };
      return { kind: 'error', outcome: 'timeout', error: `not acknowledged by the stream consumer within ${timeoutMs} ms`, durationMs };
    },

    /**
     * Records a consumer's ack (on whichever node it arrives). false: no such open attempt for this
     * tenant and hook (unknown, already acknowledged, or timed out).
     */
    async ack(tenantId: string, hookId: string, attemptId: string, ack: StreamAck): Promise<boolean> {
      if (!(await store.ackStreamAttempt(tenantId, hookId, attemptId, ack))) return false;
      // Waiting here: settle now rather than at the next poll.
      if (waiting.has(attemptId)) await take([attemptId]).catch((error: unknown) => options.onError?.(error));
      return true;
    },

    /** Ends every consumer's response (shutdown); deliveries waiting for an ack are given up, not recorded. */
    closeAll(): void {
      for (const waiter of waiting.values()) waiter.settle({ kind: 'aborted' });
      for (const list of consumers.values()) for (const consumer of list) consumer.end();
      consumers.clear();
      turn.clear();
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = null;
    },
  };
}

export type StreamHub = ReturnType<typeof createStreamHub>;
