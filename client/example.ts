/**
 * The typed client's README example, kept as a file so that a test compiles it with `tsc --strict` and runs
 * it against a real server: who am I, subscribe, publish, list deliveries, rotate the secret, delete.
 * Run it with DESKHOOKS_URL, DESKHOOKS_API_KEY and RECEIVER_URL (an endpoint of yours) set.
 */
import { type Schema, check, createDeskhooksClient, ok } from './deskhooks-client';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
}

export async function main(): Promise<void> {
  const deskhooks = createDeskhooksClient({ baseUrl: setting('DESKHOOKS_URL'), apiKey: setting('DESKHOOKS_API_KEY') });

  // Who am I: the key's tenant and name.
  const me = ok(await deskhooks.GET('/v1/me'));
  console.log(`tenant ${me.tenant?.name ?? '(admin key)'}, key ${me.key.name}`);

  // Subscribe an endpoint to two event types, only for the events of one brand.
  const hook = ok(
    await deskhooks.POST('/v1/hooks', {
      body: { url: setting('RECEIVER_URL'), events: ['system.event', 'chat.missed'], brand: 'contoso', description: 'typed client example' },
    }),
  );
  console.log(`hook ${hook.id}, signing secret ${hook.secret.slice(0, 10)}…`);

  // Publish an event; its data is validated against the trigger's schema.
  const data: Schema<'SystemEventData'> = {
    kind: 'ticket_created_on_chat_close',
    description: 'Ticket 48213 was created from chat 1772442845-3F1A.',
    occurredDateTime: new Date().toISOString(),
    chat: { id: '1772442845-3F1A' },
    ticket: { id: '48213' },
  };
  const accepted = ok(await deskhooks.POST('/v1/events', { body: { type: 'system.event', brand: 'contoso', data } }));
  console.log(`event ${accepted.id}: ${accepted.deliveries} delivery`);

  // List the hook's deliveries, newest first.
  const deliveries = ok(await deskhooks.GET('/v1/hooks/{hookId}/deliveries', { params: { path: { hookId: hook.id }, query: { limit: 10 } } }));
  for (const delivery of deliveries.data) console.log(`delivery ${delivery.id} of ${delivery.eventId}: ${delivery.status}`);

  // Rotate the signing secret; the old one keeps signing for an hour.
  const secrets = ok(
    await deskhooks.POST('/v1/hooks/{hookId}/secret/rotate', { params: { path: { hookId: hook.id } }, body: { overlapSeconds: 3600 } }),
  );
  console.log(`${secrets.secrets.length} secrets sign now`);

  // Delete the hook.
  check(await deskhooks.DELETE('/v1/hooks/{hookId}', { params: { path: { hookId: hook.id } } }));
  console.log(`hook ${hook.id} deleted`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
