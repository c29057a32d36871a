/**
 * `deskhooks hooks list`: the tenant's hooks, one per line, with where each one sends (a URL, the
 * inspector or a stream), its status and its events.
 */
import { ok } from '../deskhooks-client';
import type { CommandContext } from './context';
import { formatTable } from './table';

const PAGE_SIZE = 100;
/** A bound on what one command fetches: 20 pages of 100 hooks. */
const MAX_PAGES = 20;

export async function hooksList(ctx: CommandContext): Promise<number> {
  const hooks = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await ctx.api(async () =>
      ok(await ctx.client.GET('/v1/hooks', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } })),
    );
    hooks.push(...result.data);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  if (hooks.length === 0) {
    ctx.output.out('No hooks yet.');
    return 0;
  }
  const lines = formatTable(hooks, [
    { title: 'ID', value: (hook) => hook.id },
    { title: 'STATUS', value: (hook) => hook.status },
    { title: 'DESTINATION', value: (hook) => (hook.destination.type === 'url' ? hook.url ?? '' : hook.destination.type), max: 60 },
    { title: 'EVENTS', value: (hook) => hook.events.join(','), max: 50 },
    { title: 'DESCRIPTION', value: (hook) => hook.name || hook.description || '', max: 50 },
  ]);
  for (const line of lines) ctx.output.out(line);
  return 0;
}
