/**
 * One delivery's path, as named steps that each return a value: prepare (is the hook still live,
 * build and sign the request) → send → judge (the verdict and the hook's new state) → record (group
 * committed with other attempts) → follow-up (a hook removed or disabled is announced through the
 * operational-events port). A unit is one request: one delivery, or a batch hook's window.
 */
import type pino from 'pino';
import type { Clock } from '../app-deps';
import { toEnvelope } from '../rules/envelope';
import type { Metrics } from '../observability/metrics';
import type { ClaimedDelivery, HookRecord, Store } from '../store/store';
import type { CompletionRecorder } from './completion-recorder';
import type { DisableReason } from '../rules/hook-disabled';
import { hookPatchFor, lastDeliveryPatch, type HookPatch } from '../rules/hook-state';
import type { HttpClient, OutboundRequest, OutboundResult } from '../outbound/http-client';
import { judgeAttempt, type AttemptVerdict } from '../rules/outcome';
import { buildRequest, formatContext, redactHeaders } from '../rules/request-builder';
import { destinationUrl, newCapture } from '../rules/inspector';
import type { StreamHub } from '../outbound/stream-hub';

const LOGGED_BODY_CHARS = 2048;

/** Operational events the engine raises; server.ts wires them to the publish use case. */
export interface OperationalEvents {
  hookDisabled(
    hook: HookRecord,
    reason: DisableReason,
    facts: { at: number; failingSince: number | null; lastStatus: number | null; lastError: string | null },
  ): Promise<void>;
}

export interface PipelineDeps {
  store: Store;
  clock: Clock;
  metrics: Metrics;
  log: pino.Logger;
  recorder: CompletionRecorder;
  http: () => HttpClient;
  events: OperationalEvents;
  owner: string;
  autoDisableAfterMs: number;
  random: () => number;
  wallClock: () => number;
  /** Aborted when the engine stops: an attempt cut short is not recorded, and its lease is given back. */
  signal: () => AbortSignal;
  /** Captures an inspector hook keeps (DESKHOOKS_INSPECTOR_CAPTURES). */
  inspectorCaptures: number;
  /** This node's stream consumers, for stream hooks. */
  streams: StreamHub;
  /** How long a stream consumer has to acknowledge a delivery (the delivery timeout). */
  streamAckTimeoutMs: number;
}

/** Step 1's answer. */
export type Prepared =
  | { kind: 'skip'; reason: 'hook_deleted' | 'hook_disabled' | 'hook_inactive' }
  | { kind: 'request'; request: OutboundRequest }
  | { kind: 'unbuildable'; error: string };

/** Step 3's answer: what the attempt means, and for whom. */
export interface Judgement {
  verdict: AttemptVerdict;
  hook: HookRecord;
  hookPatch: HookPatch;
  /** The hook stops receiving: announce it after the attempt is recorded. */
  retire: DisableReason | null;
}

export function createPipeline(deps: PipelineDeps) {
  const { store, clock, metrics, log } = deps;

  async function prepare(unit: ClaimedDelivery[]): Promise<Prepared> {
    const { hook } = unit[0];
    const isTest = unit.every((c) => c.delivery.test);
    if (hook.deletedAt !== null) return { kind: 'skip', reason: 'hook_deleted' };
    if (hook.status !== 'active' && !isTest) return { kind: 'skip', reason: hook.status === 'disabled' ? 'hook_disabled' : 'hook_inactive' };
    // Outside the try: a store error here lets the lease run out (tried again), it does not fail the delivery.
    const context = await formatContext(store, hook);
    try {
      // Inspector and stream hooks have no URL: their requests carry `inspector:` / `stream:`.
      const target = hook.destination === 'url' ? hook : { ...hook, url: destinationUrl(hook) };
      const request = buildRequest(target, unit.map((c) => toEnvelope(c.event)), {
        msgId: unit[0].delivery.id,
        signedAt: new Date(deps.wallClock()),
        now: clock.now(),
        ...context,
      });
      return { kind: 'request', request };
    } catch (error) {
      return { kind: 'unbuildable', error: `the request could not be built: ${(error as Error).message}` };
    }
  }

  /**
   * The inspector's "send": the request is kept as a capture (the newest ones per hook) and the
   * attempt succeeds, so everything else (attempt log, hook state) is as for a receiver answering 200.
   */
  async function capture(unit: ClaimedDelivery[], request: OutboundRequest): Promise<OutboundResult> {
    const started = performance.now();
    const { hook, delivery } = unit[0];
    await store.addCapture(
      newCapture({
        tenantId: hook.tenantId,
        hookId: hook.id,
        deliveryId: delivery.id,
        attempt: delivery.attempts + 1,
        events: unit.map((c) => c.event),
        request,
        headers: redactHeaders(hook, request.headers),
        now: clock.now(),
      }),
      deps.inspectorCaptures,
    );
    return { kind: 'response', status: 200, headers: {}, body: '', truncated: false, durationMs: Math.round(performance.now() - started) };
  }

  /**
   * A stream hook's "send": the request goes to one of the hook's consumers on this node, and its ack
   * is the answer. The consumer may have left since the claim: then the deliveries are given back
   * untouched (no attempt) and wait for a consumer again.
   */
  async function stream(unit: ClaimedDelivery[], request: OutboundRequest, signal: AbortSignal): Promise<OutboundResult | 'aborted'> {
    const { hook, delivery } = unit[0];
    const result = await deps.streams.deliver(
      { tenantId: hook.tenantId, hookId: hook.id, deliveryId: delivery.id, attempt: delivery.attempts + 1, request },
      deps.streamAckTimeoutMs,
      signal,
    );
    if (result === 'no-consumer') {
      await store.releaseLeases(deps.owner, unit.map((c) => c.delivery));
      return 'aborted';
    }
    return result;
  }

  async function send(prepared: Prepared, unit: ClaimedDelivery[]): Promise<OutboundResult | 'aborted'> {
    if (prepared.kind === 'unbuildable') return { kind: 'error', outcome: 'network', error: prepared.error, durationMs: 0 };
    if (prepared.kind !== 'request') throw new Error('send needs a request');
    // A URL hook pays two comparisons here: the other destinations branch off before the HTTP client.
    const destination = unit[0].hook.destination;
    if (destination === 'inspector') return capture(unit, prepared.request);
    const signal = deps.signal();
    if (destination === 'stream') return stream(unit, prepared.request, signal);
    const result = await deps.http().send(prepared.request, { signal });
    return signal.aborted ? 'aborted' : result;
  }

  async function judge(unit: ClaimedDelivery[], prepared: Prepared, result: OutboundResult, startedAt: number): Promise<Judgement> {
    const claimedHook = unit[0].hook;
    const now = clock.now();
    const isTest = unit.every((c) => c.delivery.test);
    let verdict = judgeAttempt({
      result,
      attempts: unit[0].delivery.attempts + 1,
      policy: claimedHook.retryPolicy,
      redirects: claimedHook.redirects,
      now,
      wallNow: deps.wallClock(),
      random: deps.random,
    });
    // A request that cannot be built (a template that fails on this event) will not build next time either.
    if (prepared.kind === 'unbuildable') verdict = { ...verdict, outcome: 'failed', status: 'failed', nextAttemptAt: null };
    const msgId = unit[0].delivery.id;
    // A test shows as the hook's last delivery but never changes its failure state.
    if (isTest) return { verdict, hook: claimedHook, hookPatch: lastDeliveryPatch(verdict, msgId, now), retire: null };
    // A failure is judged against the hook as it is now: another attempt or an admin may have
    // removed or disabled it meanwhile (no second hook.disabled, no override).
    const hook = verdict.outcome === 'succeeded' ? claimedHook : ((await store.getHook(claimedHook.tenantId, claimedHook.id)) ?? claimedHook);
    const hookPatch = hookPatchFor({ hook, verdict, deliveryId: msgId, startedAt, now, autoDisableAfterMs: deps.autoDisableAfterMs });
    const retire: DisableReason | null = hookPatch.deletedReason === 'gone' ? 'gone' : hookPatch.status === 'disabled' ? 'failing' : null;
    return { verdict, hook, hookPatch, retire };
  }

  /** Records the attempt for every delivery of the unit; true when at least one landed (lease still held). */
  async function record(unit: ClaimedDelivery[], prepared: Prepared, result: OutboundResult, judgement: Judgement, startedAt: number): Promise<boolean> {
    const { verdict } = judgement;
    const hook = unit[0].hook;
    const request = prepared.kind === 'request' ? prepared.request : null;
    const requestHeaders = request ? redactHeaders(hook, request.headers) : {};
    const responseBody = result.kind === 'response' ? result.body.slice(0, LOGGED_BODY_CHARS) : null;
    const outcomes = await Promise.all(
      unit.map((claimed, index) =>
        deps.recorder.record({
          owner: deps.owner,
          attempt: {
            deliveryId: claimed.delivery.id,
            tenantId: claimed.delivery.tenantId,
            number: claimed.delivery.attempts + 1,
            startedAt,
            durationMs: result.durationMs,
            url: request?.url ?? destinationUrl(hook),
            method: request?.method ?? hook.method,
            requestHeaders,
            responseStatus: verdict.responseStatus,
            responseBody,
            error: verdict.error,
            outcome: verdict.outcome,
          },
          update: {
            status: verdict.status,
            attempts: claimed.delivery.attempts + 1,
            nextAttemptAt: verdict.nextAttemptAt,
            lastAttemptAt: startedAt,
            lastResponseStatus: verdict.responseStatus,
            lastError: verdict.error,
          },
          hookPatch: index === 0 ? judgement.hookPatch : undefined,
        }),
      ),
    );
    metrics.attempts.inc({ outcome: verdict.outcome });
    metrics.attemptDuration.observe({ outcome: verdict.outcome }, result.durationMs / 1000);
    unit.forEach((claimed, index) => {
      if (!outcomes[index]) {
        log.warn({ deliveryId: claimed.delivery.id, eventId: claimed.event.id }, 'lease lost before the attempt was recorded; another worker owns the delivery');
        return;
      }
      if (verdict.status !== 'pending') metrics.deliveries.inc({ status: verdict.status });
      log.info(
        {
          tenantId: claimed.delivery.tenantId,
          hookId: hook.id,
          deliveryId: claimed.delivery.id,
          eventId: claimed.event.id,
          eventType: claimed.event.type,
          attempt: claimed.delivery.attempts + 1,
          outcome: verdict.outcome,
          status: verdict.status,
          responseStatus: verdict.responseStatus,
          durationMs: result.durationMs,
          nextAttemptAt: verdict.nextAttemptAt,
          error: verdict.error ?? undefined,
        },
        'delivery attempt',
      );
    });
    return outcomes.some(Boolean);
  }

  /** After 410 Gone or too long failing: cancel what is queued and announce it to the tenant's other hooks. */
  async function retire(judgement: Judgement, now: number): Promise<void> {
    const { hook, verdict, retire: reason } = judgement;
    if (!reason) return;
    const cancelled = await store.cancelPending(hook.tenantId, hook.id, now, reason === 'gone' ? 'hook_gone' : 'hook_disabled');
    if (cancelled > 0) metrics.deliveries.inc({ status: 'cancelled' }, cancelled);
    log.warn({ tenantId: hook.tenantId, hookId: hook.id, reason, cancelled }, reason === 'gone' ? 'hook removed: receiver answered 410 Gone' : 'hook disabled: failing for too long');
    try {
      await deps.events.hookDisabled(hook, reason, {
        at: now,
        failingSince: judgement.hookPatch.failingSince ?? null,
        lastStatus: verdict.responseStatus,
        lastError: verdict.error,
      });
    } catch (error) {
      log.error({ err: error, hookId: hook.id }, 'could not emit hook.disabled');
    }
  }

  /** The whole path for one unit. Errors (a bug, a store outage) leave the lease to run out: the delivery is tried again. */
  async function run(unit: ClaimedDelivery[]): Promise<void> {
    const prepared = await prepare(unit);
    if (prepared.kind === 'skip') {
      const { hook } = unit[0];
      const cancelled = await store.cancelPending(hook.tenantId, hook.id, clock.now(), prepared.reason);
      if (cancelled > 0) metrics.deliveries.inc({ status: 'cancelled' }, cancelled);
      log.info({ tenantId: hook.tenantId, hookId: hook.id, cancelled, reason: prepared.reason }, 'hook cannot receive; pending deliveries cancelled');
      return;
    }
    const startedAt = clock.now();
    const result = await send(prepared, unit);
    // Stopping: the attempt was cut; leave the delivery as it was, and the released lease lets any node send it again.
    if (result === 'aborted') return;
    const judgement = await judge(unit, prepared, result, startedAt);
    const landed = await record(unit, prepared, result, judgement, startedAt);
    if (landed) await retire(judgement, clock.now());
  }

  return { prepare, send, judge, record, retire, run };
}

export type Pipeline = ReturnType<typeof createPipeline>;
