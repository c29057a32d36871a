/**
 * `deskhooks deliveries list [--failed] [--hook ID] [--limit N]`: the newest deliveries (the failure log
 * with --failed), with each one's last answer, so a developer can pick one to redeliver.
 */
import { ok } from '../deskhooks-client';
import type { CommandContext } from './context';
import { UsageError } from './errors';
import { formatTable } from './table';

export interface DeliveriesListOptions {
  failed?: boolean;
  hook?: string;
  limit?: string;
}

export async function deliveriesList(ctx: CommandContext, options: DeliveriesListOptions): Promise<number> {
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError(`--limit must be a whole number from 1 to 100, not "${options.limit}"`);
  const query = {
    limit,
    ...(options.failed ? { status: 'failed' as const } : {}),
    ...(options.hook ? { hookId: options.hook } : {}),
  };
  const page = await ctx.api(async () => ok(await ctx.client.GET('/v1/deliveries', { params: { query } })));
  if (page.data.length === 0) {
    ctx.output.out(options.failed ? 'No failed deliveries.' : 'No deliveries yet.');
    return 0;
  }
  const lines = formatTable(page.data, [
    { title: 'ID', value: (delivery) => delivery.id },
    { title: 'CREATED', value: (delivery) => delivery.createdAt },
    { title: 'HOOK', value: (delivery) => delivery.hookId },
    { title: 'EVENT', value: (delivery) => delivery.eventType },
    { title: 'STATUS', value: (delivery) => delivery.status },
    { title: 'ATTEMPTS', value: (delivery) => String(delivery.attempts) },
    {
      title: 'LAST ANSWER',
      value: (delivery) => [delivery.lastResponseStatus ? `HTTP ${delivery.lastResponseStatus}` : '', delivery.lastError ?? ''].filter(Boolean).join(' ') || '-',
      max: 60,
    },
  ]);
  for (const line of lines) ctx.output.out(line);
  if (page.nextCursor) ctx.output.err(`(the newest ${page.data.length}; use --limit to see up to 100)`);
  return 0;
}
