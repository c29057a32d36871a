import type { components } from '../../../openapi/generated/types';
import type { AppDeps } from '../app-deps';
import { redactedHeaderValues, secretHeaderNames } from '../rules/secret-headers';
import type {
  ApiKeyRecord,
  AttemptRecord,
  CustomEventTypeRecord,
  DeliveryRecord,
  HookRecord,
  HookSecret,
  TenantRecord,
} from '../store/store';

/** The contract's schemas (openapi-typescript): views are typed by them, so the compiler catches drift. */
type Schemas = components['schemas'];

/** Epoch ms → ISO 8601 (UTC); null stays null. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** An absolute URL under PUBLIC_URL, for Location headers (connectors DELETE exactly this URL). */
export function absoluteUrl(deps: AppDeps, path: string): string {
  return `${deps.config.publicUrl}${path}`;
}

export function tenantView(tenant: TenantRecord): Schemas['Tenant'] {
  return { id: tenant.id, name: tenant.name, webhooksEnabled: tenant.webhooksEnabled, createdAt: iso(tenant.createdAt) };
}

export function apiKeyView(key: ApiKeyRecord): Schemas['ApiKey'] {
  return {
    id: key.id,
    tenantId: key.tenantId,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: iso(key.createdAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
  };
}

/** Endpoint credentials are write-only: only the auth type and non-secret names are shown. */
function authView(auth: HookRecord['auth']): Schemas['HookAuthView'] {
  switch (auth.type) {
    case 'basic':
      return { type: auth.type, username: auth.username };
    case 'api_key':
      return { type: auth.type, headerName: auth.headerName };
    default:
      return { type: auth.type };
  }
}

/** A hook as the API returns it (the Hook schema). Signing secrets are not part of it. */
export function hookView(hook: HookRecord): Schemas['Hook'] {
  return {
    id: hook.id,
    // Inspector and stream hooks have no URL: the field is absent rather than empty.
    ...(hook.destination === 'url' ? { url: hook.url } : {}),
    destination: { type: hook.destination },
    events: hook.events,
    name: hook.name,
    description: hook.description,
    brand: hook.brand,
    status: hook.status,
    enabled: hook.status === 'active',
    format: hook.format,
    template: hook.template,
    method: hook.method,
    auth: authView(hook.auth),
    // Secret header values are write-only, like endpoint credentials.
    headers: redactedHeaderValues(hook),
    secretHeaders: secretHeaderNames(hook),
    filter: hook.filter,
    retryPolicy: hook.retryPolicy,
    redirects: hook.redirects,
    ordered: hook.ordered,
    maxInFlight: hook.maxInFlight,
    rateLimit: hook.rateLimit,
    source: hook.source,
    disabledReason: hook.disabledReason,
    failingSince: iso(hook.failingSince),
    lastDelivery: hook.lastDelivery && { ...hook.lastDelivery, at: iso(hook.lastDelivery.at) },
    deleted: hook.deletedAt !== null,
    deletedAt: iso(hook.deletedAt),
    deletedBy: hook.deletedBy,
    deletedReason: hook.deletedReason,
    createdAt: iso(hook.createdAt),
    updatedAt: iso(hook.updatedAt),
  };
}

export function hookSecretsView(secrets: HookSecret[]): Schemas['HookSecrets'] {
  return {
    secret: secrets[0]?.secret,
    secrets: secrets.map((s) => ({ secret: s.secret, createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
  };
}

export function customEventTypeView(record: CustomEventTypeRecord): Schemas['CustomEventType'] {
  return {
    type: record.type,
    description: record.description,
    schema: record.schema,
    sample: record.sample,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
  };
}

/** A delivery as the API returns it (the Delivery schema). */
export function deliveryView(delivery: DeliveryRecord): Schemas['Delivery'] {
  return {
    id: delivery.id,
    hookId: delivery.hookId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    lastAttemptAt: iso(delivery.lastAttemptAt),
    lastResponseStatus: delivery.lastResponseStatus,
    lastError: delivery.lastError,
    cancelReason: delivery.cancelReason,
    test: delivery.test,
    createdAt: iso(delivery.createdAt),
    updatedAt: iso(delivery.updatedAt),
  };
}

export function attemptView(attempt: AttemptRecord): Schemas['DeliveryAttempt'] {
  return {
    number: attempt.number,
    startedAt: iso(attempt.startedAt),
    durationMs: attempt.durationMs,
    url: attempt.url,
    method: attempt.method,
    requestHeaders: attempt.requestHeaders,
    responseStatus: attempt.responseStatus,
    responseBody: attempt.responseBody,
    error: attempt.error,
    outcome: attempt.outcome,
  };
}

/** Page query parameters as the validator left them (limit defaulted and coerced). */
export function pageOf(query: Record<string, unknown>): { limit: number; cursor: string | null } {
  return { limit: typeof query.limit === 'number' ? query.limit : 20, cursor: typeof query.cursor === 'string' ? query.cursor : null };
}
