/**
 * `deskhooks listen --events a,b --forward-to http://localhost:4000/hook [--print-secret]`: a webhook
 * receiver on a laptop without a tunnel. It creates a temporary stream hook, reads its deliveries from
 * the server's event stream, forwards each one to the local URL as it would have been posted, acks with
 * the local answer (or the reason there was none), prints one line per delivery, and deletes the hook on
 * SIGINT/SIGTERM. A dropped stream is reconnected; deliveries wait on the server meanwhile.
 */
import os from 'node:os';
import type { EventSourceMessage } from 'eventsource-parser';
import { DeskhooksError, check, ok } from '../deskhooks-client';
import type { CommandContext } from './context';
import { CliError, UsageError, describeApiFailure, isNetworkError, networkReason } from './errors';
import { readEventStream } from './event-stream';
import { type ForwardResult, forwardDelivery } from './forward';

export interface ListenOptions {
  events?: string;
  forwardTo?: string;
  printSecret: boolean;
}

interface StreamedDelivery {
  attemptId: string;
  deliveryId: string;
  attempt: number;
  method: string;
  headers: Record<string, string>;
  body: string;
  eventTypes?: string[];
}

/**
 * How many deliveries may be forwarded at once; more wait in the stream's order. The server bounds what
 * it has in flight to one consumer (the hook's maxInFlight), so the waiting queue is bounded too.
 */
const MAX_IN_FLIGHT = 16;
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000, 10_000];

function parseTarget(raw: string | undefined): string {
  if (!raw) throw new UsageError('deskhooks listen needs --forward-to <url>, e.g. --forward-to http://localhost:4000/hook');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--forward-to must be an http(s) URL such as http://localhost:4000/hook, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--forward-to must be an http(s) URL, not "${raw}"`);
  return url.toString();
}

function parseEvents(raw: string | undefined): string[] {
  const events = (raw ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  if (events.length === 0) throw new UsageError('deskhooks listen needs --events <type,type…>, e.g. --events chat.missed,ticket.created');
  return [...new Set(events)];
}

function parseDelivery(data: string): StreamedDelivery | undefined {
  try {
    const value = JSON.parse(data) as Partial<StreamedDelivery>;
    if (typeof value.attemptId !== 'string' || typeof value.method !== 'string' || typeof value.body !== 'string') return undefined;
    if (typeof value.headers !== 'object' || value.headers === null) return undefined;
    return value as StreamedDelivery;
  } catch {
    return undefined;
  }
}

/** The event type(s) a delivery carries: from the stream when it says, else from the JSON body. */
function eventTypesOf(delivery: StreamedDelivery): string {
  if (Array.isArray(delivery.eventTypes) && delivery.eventTypes.length) return delivery.eventTypes.join(',');
  try {
    const body = JSON.parse(delivery.body) as unknown;
    const items = Array.isArray(body) ? body : [body];
    const types = [...new Set(items.map((item) => (item && typeof item === 'object' ? (item as { type?: unknown }).type : undefined)).filter((type) => typeof type === 'string'))];
    if (types.length) return types.join(',');
  } catch {
    // A template hook may send XML or a form: the type is not in the body.
  }
  return '-';
}

function clock(date = new Date()): string {
  return date.toTimeString().slice(0, 8);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export async function listen(ctx: CommandContext, options: ListenOptions): Promise<number> {
  const target = parseTarget(options.forwardTo);
  const events = parseEvents(options.events);
  const { output, client } = ctx;

  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping.signal.aborted) {
      output.err(`Received ${signal} again: quitting without deleting the hook.`);
      process.exit(1);
    }
    output.err(`Received ${signal}: stopping.`);
    stopping.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    output.err(`Creating a temporary stream hook on ${ctx.serverUrl}…`);
    const hook = await ctx.api(async () =>
      ok(
        await client.POST('/v1/hooks', {
          body: {
            destination: { type: 'stream' },
            events,
            description: `deskhooks listen → ${target} (${os.hostname()}, pid ${process.pid})`,
          },
        }),
      ),
    );
    output.out(`Listening for ${events.join(', ')} through hook ${hook.id}, forwarding to ${target}. Ctrl-C stops and deletes the hook.`);
    if (options.printSecret) output.out(`Signing secret: ${hook.secret}`);

    let failure: CliError | undefined;
    try {
      await consume(ctx, hook.id, target, stopping.signal);
    } catch (error) {
      failure = error instanceof CliError ? error : describeApiFailure(error, ctx.serverUrl);
    }

    output.err(`Deleting hook ${hook.id}…`);
    try {
      await ctx.api(async () => check(await client.DELETE('/v1/hooks/{hookId}', { params: { path: { hookId: hook.id }, query: { reason: 'deskhooks listen stopped' } } })));
      output.out(`Deleted hook ${hook.id}.`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`${failure ? `${failure.message} ` : ''}The hook ${hook.id} could not be deleted (${reason}); delete it with DELETE /v1/hooks/${hook.id}.`);
    }
    if (failure) throw failure;
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Reads the stream until stopped, reconnecting when it drops; throws when the server refuses it for good. */
async function consume(ctx: CommandContext, hookId: string, target: string, stopped: AbortSignal): Promise<void> {
  const { output } = ctx;
  const inFlight = new Set<Promise<void>>();
  const queue: StreamedDelivery[] = [];
  const url = `${ctx.serverUrl}/v1/hooks/${encodeURIComponent(hookId)}/stream`;

  const pump = () => {
    while (inFlight.size < MAX_IN_FLIGHT && queue.length) {
      const delivery = queue.shift()!;
      const task = handle(ctx, hookId, target, delivery).finally(() => {
        inFlight.delete(task);
        pump();
      });
      inFlight.add(task);
    }
  };

  let failures = 0;
  while (!stopped.aborted) {
    const connection = new AbortController();
    // On stop, deliveries already being forwarded are answered first, while the stream is still open:
    // the server fails an attempt whose consumer disconnects before acking it.
    const abortConnection = () => {
      queue.length = 0;
      void Promise.allSettled([...inFlight]).then(() => connection.abort());
    };
    stopped.addEventListener('abort', abortConnection, { once: true });
    try {
      await readEventStream({
        url,
        apiKey: ctx.apiKey,
        signal: connection.signal,
        onEvent(message: EventSourceMessage) {
          if (message.event === 'ready') {
            failures = 0;
            output.err(`Connected. Waiting for deliveries… (Ctrl-C to stop)`);
          } else if (message.event === 'delivery') {
            // Stopping: left unacknowledged, it fails when the stream closes (and the hook goes with it).
            if (stopped.aborted) return;
            const delivery = parseDelivery(message.data);
            if (!delivery) {
              output.err(`Skipped a delivery event the CLI cannot read: ${message.data.slice(0, 200)}`);
              return;
            }
            queue.push(delivery);
            pump();
          }
        },
      });
      if (stopped.aborted) break;
      output.err('The server closed the stream.');
    } catch (error) {
      if (stopped.aborted) break;
      if (error instanceof DeskhooksError && [401, 403, 404, 409, 410].includes(error.status)) {
        throw describeApiFailure(error, ctx.serverUrl);
      }
      output.err(`The stream was interrupted: ${isNetworkError(error) ? networkReason(error) : error instanceof Error ? error.message : String(error)}.`);
    } finally {
      stopped.removeEventListener('abort', abortConnection);
    }
    const delay = RECONNECT_DELAYS_MS[Math.min(failures++, RECONNECT_DELAYS_MS.length - 1)];
    output.err(`Reconnecting to ${ctx.serverUrl} in ${delay / 1000} s… (Ctrl-C to stop)`);
    await sleep(delay, stopped);
  }
  // Deliveries already taken are answered before the hook goes, so none waits for its timeout.
  queue.length = 0;
  await Promise.allSettled([...inFlight]);
}

async function handle(ctx: CommandContext, hookId: string, target: string, delivery: StreamedDelivery): Promise<void> {
  const { output, client } = ctx;
  const result: ForwardResult = await forwardDelivery(target, delivery);
  const types = eventTypesOf(delivery);
  const retry = delivery.attempt > 1 ? ` (attempt ${delivery.attempt})` : '';
  if ('status' in result) {
    output.out(`${clock()}  ${types}  ${result.status}  ${result.durationMs} ms  ${delivery.deliveryId}${retry}`);
  } else {
    const why = result.down ? `the local receiver at ${target} is down (${result.error})` : `the local receiver at ${target} failed: ${result.error}`;
    output.out(`${clock()}  ${types}  error  ${result.durationMs} ms  ${delivery.deliveryId}${retry}: ${why}`);
  }
  const body = 'status' in result ? { attemptId: delivery.attemptId, status: result.status, body: result.body } : { attemptId: delivery.attemptId, error: result.error };
  try {
    const answer = await client.POST('/v1/hooks/{hookId}/stream/acks', { params: { path: { hookId } }, body });
    if (answer.response.status === 404) {
      output.err(`  The server no longer waited for ${delivery.deliveryId} (it timed out): it is retried per the hook's policy.`);
      return;
    }
    check(answer);
  } catch (error) {
    output.err(`  Could not acknowledge ${delivery.deliveryId}: ${describeApiFailure(error, ctx.serverUrl).message}`);
  }
}
