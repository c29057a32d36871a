/**
 * `deskhooks redeliver <deliveryId>`: queues a delivery again at once. It keeps its `webhook-id`, so the
 * receiver can tell it is the same delivery.
 */
import { ok } from '../deskhooks-client';
import type { CommandContext } from './context';

export async function redeliver(ctx: CommandContext, deliveryId: string): Promise<number> {
  const delivery = await ctx.api(async () =>
    ok(await ctx.client.POST('/v1/deliveries/{deliveryId}/redeliver', { params: { path: { deliveryId } } })),
  );
  ctx.output.out(`Delivery ${delivery.id} (${delivery.eventType} to hook ${delivery.hookId}) is queued again.`);
  return 0;
}
