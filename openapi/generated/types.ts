// generated from triggers/, run npm run generate (do not edit by hand)

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers 200 while the process is up.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Answers 200 when the store answers, 503 otherwise.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI document
         * @description The OpenAPI 3.1 document of this API, webhooks included.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Events accepted, deliveries by outcome, attempt latency, queue depth and oldest pending age, in the Prometheus text format.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's tenant and key
         * @description Returns the tenant and the name of the API key used. Zapier's connection test and label use it.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description Admin key only.
         */
        get: operations["listTenants"];
        put?: never;
        /**
         * Create a tenant
         * @description Admin key only. Creates a tenant and its first API key, returned once in `apiKey.key`.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /**
         * Get a tenant
         * @description Admin key only.
         */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The caller's tenant's keys (never the keys themselves, only their prefixes). An admin key may pass `tenantId`.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Creates a key for the caller's tenant (or, with an admin key, for `tenantId`). The key is returned once; only its hash is stored.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API key's id. */
                keyId: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revokes the key at once. Idempotent.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tenant webhook settings
         * @description The tenant's global switch for webhooks (DeskDirector's enable/disable slider) and the live-chat `appId` that `livechat` format hooks send.
         */
        get: operations["getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change tenant webhook settings
         * @description Changes only the fields given. Turning `webhooksEnabled` off keeps accepting and storing events but creates no deliveries until it is turned on again. `liveChatAppId` is the `appId` every `livechat` format hook sends (null removes it; refused while such a hook is registered).
         */
        patch: operations["updateSettings"];
        trace?: never;
    };
    "/v1/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List triggers
         * @description Every catalog trigger plus the tenant's custom event types, with labels for Zapier and Power Automate.
         */
        get: operations["listTriggers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/triggers/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        /**
         * Get a trigger
         * @description One trigger with its `data` schema, its sample and its variants.
         */
        get: operations["getTrigger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/triggers/{type}/schema": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        /**
         * Get a trigger's envelope schema
         * @description The JSON Schema of the delivered body (the envelope with this trigger's `data`), fully dereferenced, for Zapier and Power Automate field mapping.
         */
        get: operations["getTriggerSchema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/triggers/{type}/sample": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        /**
         * Get a trigger's sample envelope
         * @description The trigger's sample `data` wrapped in the envelope, exactly as it would be delivered.
         */
        get: operations["getTriggerSample"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/triggers/{type}/hooks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subscribe to one trigger
         * @description Creates a hook for this one event type. This is the per-trigger subscribe operation that the Power
         *     Automate connector (one path per trigger) and the Zapier app call. Same body and answer as
         *     `POST /v1/hooks`, without `events`.
         */
        post: operations["subscribeToTrigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/triggers/{type}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish an event of one type
         * @description `POST /v1/events` with the type in the path: the per-type publish operation of the Power Automate
         *     connector, whose `data` inputs come from the type's schema (Swagger 2.0 needs the type outside the
         *     body for that). Same validation, idempotency and answer; an unknown type answers 404.
         */
        post: operations["publishTriggerEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom-event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List custom event types
         * @description The tenant's custom event types (DeskDirector's custom webhooks). Zapier's "New Custom Event" dropdown uses it.
         */
        get: operations["listCustomEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom-event-types/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A custom event type, `custom.` followed by a name. */
                type: components["parameters"]["CustomEventTypeName"];
            };
            cookie?: never;
        };
        /**
         * Get a custom event type
         * @description One custom event type with its schema and sample.
         */
        get: operations["getCustomEventType"];
        /**
         * Register or replace a custom event type
         * @description Registers `custom.<name>` with its own JSON Schema (draft-07, 2019-09 or 2020-12, per its `$schema`) and a sample that must validate against it. Published events of this type are validated like built-ins. A refused schema is explained per field (an unknown keyword, type or format, a `$ref` to nothing).
         */
        put: operations["putCustomEventType"];
        post?: never;
        /**
         * Delete a custom event type
         * @description Removes the type. Refused with 409 while registered hooks (active, inactive or disabled; not
         *     deleted) subscribe to it by name: the problem's `errors` list each one. Delete those hooks, or
         *     remove the type from their `events`, first. Hooks on `*` do not block it. Idempotent: deleting
         *     a type that does not exist answers 204.
         */
        delete: operations["deleteCustomEventType"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List hooks
         * @description The tenant's registered hooks, newest first, with cursor pagination.
         */
        get: operations["listHooks"];
        put?: never;
        /**
         * Create a hook
         * @description Subscribes a URL to one or more event types (`*` for all). The answer carries the signing secret
         *     (`whsec_…`) and an absolute `Location`. The URL is kept byte for byte; it must be `https://` and
         *     resolve to public addresses unless the server runs with DESKHOOKS_ALLOW_INSECURE_TARGETS=1.
         *     Subscribing the same URL to the same event twice creates two hooks.
         */
        post: operations["createHook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deleted hooks
         * @description Recently deleted hooks, with who deleted them and why (manual, unsubscribed, gone, auto-disabled).
         */
        get: operations["listDeletedHooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        /**
         * Get a hook
         * @description One hook, deleted ones included (with `deleted` set).
         */
        get: operations["getHook"];
        put?: never;
        post?: never;
        /**
         * Delete a hook
         * @description Moves the hook to the deleted list, recording who and why. Idempotent: deleting a deleted hook
         *     answers 204 too (Zapier and Power Automate both retry unsubscribes).
         */
        delete: operations["deleteHook"];
        options?: never;
        head?: never;
        /**
         * Edit a hook
         * @description Changes the given fields; the others stay. A deleted hook cannot be edited (restore it first).
         */
        patch: operations["updateHook"];
        trace?: never;
    };
    "/v1/hooks/{hookId}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a hook
         * @description Resumes deliveries to an inactive or auto-disabled hook.
         */
        post: operations["activateHook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a hook
         * @description Stops deliveries without deleting the hook; events published meanwhile create no deliveries for it.
         */
        post: operations["deactivateHook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted hook
         * @description Brings a deleted hook back, inactive, so that it can be checked before it is activated.
         */
        post: operations["restoreHook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        /**
         * Reveal a hook's secrets
         * @description DeskDirector's "Display detail". The current signing secret and any older one still signing during a rotation overlap.
         */
        get: operations["getHookSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Regenerate a hook's secret
         * @description Creates a new secret. The old one keeps signing, beside the new one, for the overlap window (default 24 h; 0 ends it at once).
         */
        post: operations["rotateHookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/captures": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        /**
         * List an inspector hook's captures
         * @description What an inspector hook (`"destination": {"type": "inspector"}`) would have sent, newest first: one
         *     capture per attempt, with the method, the headers (signature included; secret header values
         *     redacted as in attempt logs) and the exact body. The newest DESKHOOKS_INSPECTOR_CAPTURES (default
         *     100) are kept per hook; a body over 256 KiB is kept cut, with `bodyTruncated`.
         */
        get: operations["listHookCaptures"];
        put?: never;
        post?: never;
        /**
         * Clear an inspector hook's captures
         * @description Deletes every capture of the hook.
         */
        delete: operations["clearHookCaptures"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/captures/{captureId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
                /** @description The capture's id. */
                captureId: components["parameters"]["CaptureId"];
            };
            cookie?: never;
        };
        /**
         * Get a capture
         * @description One capture of an inspector hook.
         */
        get: operations["getHookCapture"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/captures/{captureId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
                /** @description The capture's id. */
                captureId: components["parameters"]["CaptureId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a capture to a URL
         * @description Sends the captured method, headers (the original signature) and body, byte for byte, to `url`, under
         *     the same rules as deliveries: `https://` and public addresses only unless the server runs with
         *     DESKHOOKS_ALLOW_INSECURE_TARGETS=1 (a refused URL answers 422 naming `url`), the delivery timeout,
         *     and redirects are never followed. Redacted (secret) headers are left out. Nothing is recorded.
         */
        post: operations["replayHookCapture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        /**
         * Consume a stream hook's deliveries (server-sent events)
         * @description For a stream hook (`"destination": {"type": "stream"}`): a `text/event-stream` that carries each
         *     delivery exactly as it would be posted. Events: `ready` once (`{"hookId"}`), then `delivery`
         *     (`id:` the attempt id; data `{attemptId, deliveryId, attempt, method, headers, body}`, headers with
         *     the signature), and a `: keepalive` comment every DESKHOOKS_STREAM_KEEPALIVE_MS (15 s). Acknowledge
         *     each delivery with POST /v1/hooks/{hookId}/stream/acks within the delivery timeout
         *     (DESKHOOKS_DELIVERY_TIMEOUT_MS), or the attempt fails as `timeout` and is retried per the hook's
         *     policy. Several consumers may connect (at most 10 per hook and 50 per tenant on one node, else 409);
         *     each delivery goes to one. While no consumer is connected, the hook's deliveries wait (pending, not
         *     attempted).
         */
        get: operations["streamHook"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/stream/acks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge a streamed delivery
         * @description The consumer's answer to one `delivery` event: the status its local receiver answered (judged like a
         *     URL hook's response: 2xx succeeds, 410 removes the hook, anything else is retried per the policy),
         *     or `error` when the receiver could not be reached (a network failure). Exactly one of `status` and
         *     `error`. Any node accepts it. An unknown attempt, or one already settled (acknowledged or timed out),
         *     answers 404 naming `attemptId`.
         */
        post: operations["ackStreamDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test delivery
         * @description Delivers the sample of the given (or the hook's first) event type to the hook, marked `"test": true`.
         */
        post: operations["testHook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-queue failed or cancelled deliveries
         * @description Re-queues every failed delivery of this hook created since the given time; with
         *     `"include": ["failed", "cancelled"]` also those cancelled when the hook was auto-disabled,
         *     removed on 410 Gone, switched off or deleted, so an outage that ended in an auto-disable loses
         *     no event once the hook is active again.
         */
        post: operations["recoverHook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/{hookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        /**
         * List a hook's deliveries
         * @description The hook's deliveries, newest first.
         */
        get: operations["listHookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recent events
         * @description The most recent events as delivered envelopes, newest first. Zapier's performList and "test trigger" use it.
         */
        get: operations["listEvents"];
        put?: never;
        /**
         * Publish an event
         * @description The helpdesk publishes here. `data` is validated against the trigger's schema (422 lists every bad
         *     field). The event and one delivery per matching hook are stored in one transaction before the
         *     answer. A repeated `id` or `Idempotency-Key` with the same event returns the first answer and
         *     creates nothing new; with a different event it answers 409 and creates nothing.
         */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/brands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List brands
         * @description The brands of the tenant: every `brand` its events carry or its hooks are narrowed to, in byte order,
         *     at most 500. The Zapier app's and the Power Automate connector's Brand dropdowns use it.
         */
        get: operations["listBrands"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a batch of events
         * @description Up to 1,000 events in one request, each shaped like a single publish body (`POST /v1/events`) with
         *     its own optional `id` for idempotency. Every event is validated on its own, and the valid ones are
         *     stored (with their deliveries) even when others in the batch are refused: a batch is not all or
         *     nothing. The answer has one result per event, in the order sent: `accepted` (with its id and
         *     delivery count), `duplicate` (an earlier event, in this batch or before, has the same `id`; nothing
         *     new was created), or `refused` with a problem whose JSON Pointers point into this request's body
         *     (`/events/3/data/chat/status`). A refused event stores nothing.
         *
         *     The answer is `200` whenever the batch itself could be read, even if some or all of its events were
         *     refused: the status describes the request, and `accepted`, `duplicates` and `refused` count the
         *     outcomes. (`207 Multi-Status` is WebDAV's, whose body is XML; most HTTP clients and low-code tools
         *     treat it as an oddity.) A body that is not `{"events": [...]}` is a `400`; more than 1,000 events,
         *     or a body over the batch size limit (`DESKHOOKS_BATCH_BODY_LIMIT_BYTES`, 5 MiB by default), is a
         *     `413` naming the limit. Retrying a whole batch is safe when every event carries an `id`.
         */
        post: operations["publishEventBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's id. */
                eventId: components["parameters"]["EventId"];
            };
            cookie?: never;
        };
        /**
         * Get an event
         * @description One event as a delivered envelope.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deliveries
         * @description The tenant's deliveries, newest first; `status=failed` is the failure log.
         */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery's id (the `webhook-id` header of its requests). */
                deliveryId: components["parameters"]["DeliveryId"];
            };
            cookie?: never;
        };
        /**
         * Get a delivery
         * @description One delivery with every attempt (status, duration, redacted request headers, response excerpt, error).
         */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery's id (the `webhook-id` header of its requests). */
                deliveryId: components["parameters"]["DeliveryId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeliver
         * @description Queues the delivery again at once, keeping its `webhook-id` so the receiver can dedupe.
         */
        post: operations["redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chats/{chatId}/agent-lookup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session's id. */
                chatId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find an agent for a chat
         * @description Sends `chat.agent_lookup` to the tenant's hooks subscribed to it and answers with the first valid
         *     agent id, within a 5-second total budget. An answer comes in a hook's HTTP response
         *     (`{"agent_id": "…"}`) or through `POST /v1/agent-lookups/{lookupId}/response`. With no agent in
         *     time, `chat.no_agents_available` is emitted and the answer says so.
         */
        post: operations["lookupAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-lookups/{lookupId}/response": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The lookup's id, from the `chat.agent_lookup` event's data. */
                lookupId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer an agent lookup
         * @description A low-code flow's answer to `chat.agent_lookup`. Accepted only while the lookup's 5-second budget runs; the first valid answer wins.
         */
        post: operations["respondToAgentLookup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "chat.agent_lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Agent Lookup
         * @description A chat session is looking for an agent; answer within 5 seconds with an agent id to assign it.
         *
         *     Power Automate: When a chat session is looking for an agent.
         */
        post: operations["onChatAgentLookup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.assignee_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Chat Assignee
         * @description The agent or group a chat session is assigned to changed.
         *
         *     Power Automate: When a chat session assignee changes.
         */
        post: operations["onChatAssigneeChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.callback_requested": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Callback Request
         * @description A user left a chat session unanswered and asked to be contacted back by phone or chat.
         *
         *     Power Automate: When a chat callback is requested.
         */
        post: operations["onChatCallbackRequested"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Completed Chat Session
         * @description A chat session was closed as completed.
         *
         *     Power Automate: When a chat session is completed.
         */
        post: operations["onChatCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Session
         * @description A chat session was requested by a user or pushed by an agent.
         *
         *     Power Automate: When a chat session is created.
         */
        post: operations["onChatCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Deleted Chat Session
         * @description A chat session was deleted.
         *
         *     Power Automate: When a chat session is deleted.
         */
        post: operations["onChatDeleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.handled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Handled Chat Session
         * @description An agent answered a chat session; its status is now handled.
         *
         *     Power Automate: When a chat session is handled by an agent.
         */
        post: operations["onChatHandled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.invitation_accepted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Accepted Chat Invitation
         * @description An invited user accepted a chat invitation and moved from targetUsers to users.
         *
         *     Power Automate: When a chat invitation is accepted.
         */
        post: operations["onChatInvitationAccepted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.missed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Missed Chat Session
         * @description A chat session was missed: the user left before any agent answered.
         *
         *     Power Automate: When a chat session is missed.
         */
        post: operations["onChatMissed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.no_agents_available": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Without Available Agents
         * @description No more agents are available to invite to a chat session.
         *
         *     Power Automate: When a chat session runs out of agents to invite.
         */
        post: operations["onChatNoAgentsAvailable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.property_updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Chat Property
         * @description One or more properties of a chat session were changed.
         *
         *     Power Automate: When a chat session property is updated.
         */
        post: operations["onChatPropertyUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.queue_position_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Chat Queue Position
         * @description A waiting chat session moved to a new position in its queue.
         *
         *     Power Automate: When a chat queue position changes.
         */
        post: operations["onChatQueuePositionChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.status_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Chat Status
         * @description A chat session moved to a different status, with the status it had before.
         *
         *     Power Automate: When a chat session status changes.
         */
        post: operations["onChatStatusChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Chat Session
         * @description A chat session changed: status, users, invitations, reference or close record.
         *
         *     Power Automate: When a chat session is updated.
         */
        post: operations["onChatUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.user_action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat User Action
         * @description A chat user started typing, stopped typing or disconnected (and may reconnect).
         *
         *     Power Automate: When a chat user starts or stops typing or disconnects.
         */
        post: operations["onChatUserAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.user_joined": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Participant
         * @description A user joined a chat session.
         *
         *     Power Automate: When a user joins a chat session.
         */
        post: operations["onChatUserJoined"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "chat.user_left": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Participant Departure
         * @description A user left a chat session for good (not a temporary disconnection).
         *
         *     Power Automate: When a user leaves a chat session.
         */
        post: operations["onChatUserLeft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "hook.disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Disabled Webhook Subscription
         * @description A webhook subscription was disabled or removed, and why.
         *
         *     Power Automate: When a webhook subscription is disabled.
         */
        post: operations["onHookDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "message.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Chat Message
         * @description A message was sent or received in a chat session.
         *
         *     Power Automate: When a chat message is sent or received.
         */
        post: operations["onMessageCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "message.edited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Chat Message
         * @description A chat message was edited.
         *
         *     Power Automate: When a chat message is edited.
         */
        post: operations["onMessageEdited"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "message.retracted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Retracted Chat Message
         * @description A chat message was deleted or withdrawn.
         *
         *     Power Automate: When a chat message is retracted.
         */
        post: operations["onMessageRetracted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "system.event": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New System Event
         * @description The helpdesk recorded a system event, such as a ticket created when a chat closed.
         *
         *     Power Automate: When a system event occurs.
         */
        post: operations["onSystemEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ticket.approval_required": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Ticket Approval Request
         * @description A ticket was marked Approval Required and waits for its approvers.
         *
         *     Power Automate: When a ticket requires approval.
         */
        post: operations["onTicketApprovalRequired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ticket.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Ticket
         * @description A ticket was created, from the portal, email, a chat, Teams or by an agent.
         *
         *     Power Automate: When a ticket is created.
         */
        post: operations["onTicketCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ticket.note_added": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Internal Ticket Note
         * @description A member added an internal note to a ticket.
         *
         *     Power Automate: When an internal note is added to a ticket.
         */
        post: operations["onTicketNoteAdded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ticket.reply_added": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Ticket Reply
         * @description A public reply was added to a ticket by a contact or a member.
         *
         *     Power Automate: When a reply is added to a ticket.
         */
        post: operations["onTicketReplyAdded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ticket.status_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Ticket Status
         * @description A ticket moved to a different status.
         *
         *     Power Automate: When a ticket status changes.
         */
        post: operations["onTicketStatusChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ticket.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Updated Ticket
         * @description One or more fields of a ticket changed.
         *
         *     Power Automate: When a ticket is updated.
         */
        post: operations["onTicketUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description An RFC 9457 problem details document. */
        Problem: {
            /** @description A URI naming the problem type. */
            type: string;
            /** @description A short summary of the problem type. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description What went wrong this time. */
            detail?: string;
            /** @description The request path. */
            instance?: string;
            /** @description Every offending field. */
            errors?: components["schemas"]["ProblemField"][];
        };
        ProblemField: {
            /** @description JSON Pointer to the field in the body, e.g. `/data/chat/status`. */
            pointer?: string;
            /** @description Name of the offending query, path or header parameter. */
            parameter?: string;
            /**
             * @description Where the field is.
             * @enum {string}
             */
            location?: "body" | "query" | "path" | "header";
            /** @description What is wrong with it. */
            detail: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @description The store kind (sqlite or postgres). */
            store?: string;
            version?: string;
        };
        Me: {
            /** @description The key's tenant; null for admin keys, which belong to no tenant. */
            tenant: components["schemas"]["Tenant"] | null;
            key: {
                id: string;
                name: string;
                /** @enum {string} */
                role: "tenant" | "admin";
                /** @description The first characters of the key, for recognising it. */
                prefix?: string;
            };
        };
        Tenant: {
            id: string;
            name: string;
            webhooksEnabled: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        TenantCreate: {
            name: string;
            /** @default default */
            keyName?: string;
        };
        TenantCreated: {
            tenant: components["schemas"]["Tenant"];
            apiKey: components["schemas"]["ApiKeyCreated"];
        };
        ApiKey: {
            id: string;
            tenantId: string | null;
            name: string;
            /** @enum {string} */
            role: "tenant" | "admin";
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: date-time */
            lastUsedAt?: string | null;
        };
        ApiKeyCreate: {
            name: string;
            /** @description Admin keys only. */
            tenantId?: string;
        };
        ApiKeyCreated: components["schemas"]["ApiKey"] & {
            /** @description The key itself. Shown once; only its hash is stored. */
            key: string;
        };
        Settings: {
            /** @description The tenant's global switch for deliveries. */
            webhooksEnabled: boolean;
            /** @description The live-chat server's application id, sent as `appId` by every `livechat` format hook; null until set. */
            liveChatAppId: string | null;
        };
        SettingsUpdate: {
            webhooksEnabled?: boolean;
            /** @description The live-chat `appId` for `livechat` format hooks (no control characters); null removes it. */
            liveChatAppId?: string | null;
        };
        /** @description An event type such as `chat.missed`, or `custom.<name>`. */
        EventTypeName: string;
        TriggerSummary: {
            type: string;
            /** @description A short name for event-type dropdowns, e.g. "Chat session is missed". */
            title: string;
            /** @enum {string} */
            group: "ticket" | "chat" | "message" | "system" | "custom";
            noun: string;
            description: string;
            custom: boolean;
            zapier?: {
                label?: string;
                description?: string;
            };
            powerAutomate?: {
                operationId?: string;
                summary?: string;
                description?: string;
            };
        };
        Trigger: components["schemas"]["TriggerSummary"] & {
            /** @description The JSON Schema of the event's `data`, dereferenced. */
            schema: {
                [key: string]: unknown;
            };
            /** @description A sample `data` object. */
            sample: {
                [key: string]: unknown;
            };
            /** @description Named sample variants. */
            variants?: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /**
             * @description The flat tags this trigger offers in hook URLs and templates, as `{{ ticket_id }}` or in
             *     EddyDesk's single-brace form `{ticket_id}` (custom event types have none: use `{{ data.… }}`).
             *     A hook whose URL or template uses a tag, or a `data.…` path, that its events do not have is refused (422 naming it).
             */
            tags: {
                /** @description The tag, e.g. `parent_ticket_id`. */
                name: string;
                /** @description What it holds, e.g. Parent Ticket ID. */
                title: string;
                /** @description The envelope path it reads for this trigger, e.g. `data.ticket.parentTicketId`. */
                path: string;
            }[];
        };
        CustomEventTypeInput: {
            description?: string;
            /**
             * @description A JSON Schema for `data`, in the dialect its `$schema` names: draft-07
             *     (`http://json-schema.org/draft-07/schema#`, with `definitions`), 2019-09 or 2020-12 (the default
             *     when `$schema` is absent). Its root must be `"type": "object"`; `$ref`s stay inside the schema.
             */
            schema: {
                [key: string]: unknown;
            };
            /** @description A sample `data`; must validate against `schema`. */
            sample: {
                [key: string]: unknown;
            };
        };
        CustomEventType: {
            type: string;
            description: string;
            schema: {
                [key: string]: unknown;
            };
            sample: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @default POST
         * @enum {string}
         */
        HttpMethod: "POST" | "GET" | "PUT" | "PATCH" | "DELETE";
        /**
         * @description `envelope` (default): the event envelope. `data`: the resource alone. `batch`: a JSON array of the
         *     events collected over a short window. `template`: the Liquid `template.body` rendered over the envelope.
         *     `livechat`: the live-chat server's `{trigger, appId, data, created_at}` (appId from the tenant's
         *     `liveChatAppId` setting, `created_at` in unix seconds, `trigger` per the documented mapping).
         *     `deskdirector`: DeskDirector's chat payload, a JSON array of the bare resources (the chat session,
         *     ticket or message each event is about) collected over the batch window.
         * @default envelope
         * @enum {string}
         */
        HookFormat: "envelope" | "data" | "batch" | "template" | "livechat" | "deskdirector";
        HookTemplate: {
            /**
             * @description A Liquid template over the envelope, e.g. `{"text": "{{ data.ticket.summary }}"}`. The trigger's flat
             *     tags work too, as `{{ ticket_id }}` or `{ticket_id}` (see the trigger's `tags`). Rendered over the
             *     sample of each subscribed type when saved: output that is not valid for `contentType`, or a variable
             *     the sample does not have, answers 422. Each render may take at most 50 ms.
             */
            body: string;
            /**
             * @description How the rendered body is sent.
             * @enum {string}
             */
            contentType: "json" | "xml" | "form";
        };
        /** @description How deskhooks authenticates to the endpoint. Secrets are write-only and never returned. */
        HookAuth: {
            /** @constant */
            type: "none";
        } | {
            /** @constant */
            type: "basic";
            username: string;
            password: string;
        } | {
            /** @constant */
            type: "bearer";
            token: string;
        } | {
            /** @constant */
            type: "api_key";
            headerName: string;
            value: string;
        };
        /** @description The endpoint auth as returned (secrets never are). */
        HookAuthView: {
            /** @enum {string} */
            type: "none" | "basic" | "bearer" | "api_key";
            username?: string;
            headerName?: string;
        };
        /**
         * @description `standard`: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, with jitter. `fixed-30m-24h`: every
         *     30 minutes for 24 hours (EddyDesk). `custom`: the given delays in seconds.
         */
        RetryPolicy: {
            /** @enum {string} */
            type: "standard" | "fixed-30m-24h" | "custom";
            delays?: number[];
        };
        /**
         * @description What a 3xx answer means. `fail` (default): a failure, "redirect not followed", retried per the
         *     policy. `succeed`: a success, as EddyDesk counts 2xx and 3xx. Redirects are never followed either way.
         * @default fail
         * @enum {string}
         */
        RedirectHandling: "fail" | "succeed";
        HookFields: {
            /** @description The receiver URL, kept byte for byte. May contain Liquid tags such as `{{ data.ticket.id }}`. Give either `url` or `destination`; sending `url` makes an inspector or stream hook a URL hook again. */
            url?: string;
            destination?: components["schemas"]["HookDestinationInput"];
            name?: string | null;
            description?: string;
            /** @description Only events of this brand. */
            brand?: string | null;
            /** @default true */
            enabled?: boolean;
            format?: components["schemas"]["HookFormat"];
            template?: components["schemas"]["HookTemplate"] | null;
            method?: components["schemas"]["HttpMethod"];
            auth?: components["schemas"]["HookAuth"];
            /**
             * @description Extra request headers. CR/LF, and the signature, Host, Content-Length and Content-Type headers, are refused.
             *     Secret headers (see `secretHeaders`) are write-only: they read back as `********`, and sending
             *     `********` as a value keeps the value stored under that name.
             */
            headers?: {
                [key: string]: string;
            };
            /**
             * @description Names of `headers` whose values are secret: encrypted at rest, never returned, redacted in attempt
             *     logs. Headers named like credentials (Authorization, Cookie, or containing auth, key, token,
             *     secret, pass, signature, session or credential) are secret whether listed or not.
             */
            secretHeaders?: string[];
            /**
             * @description A Mongo-style query over the envelope, e.g. `{"data.chat.status": "missed"}`. Only query operators:
             *     `$eq $ne $gt $gte $lt $lte $in $nin $and $or $nor $not $exists $type $all $elemMatch $size` and
             *     `$regex` (`$options` among `i m s u`, no exponential backtracking); at most 16 KiB of JSON and 12
             *     levels deep. Anything else (`$expr`, `$where`, `$function`…) answers 422 naming the operator's pointer.
             */
            filter?: {
                [key: string]: unknown;
            } | null;
            retryPolicy?: components["schemas"]["RetryPolicy"];
            redirects?: components["schemas"]["RedirectHandling"];
            /**
             * @description Deliver this hook's events one at a time, in order.
             * @default false
             */
            ordered?: boolean;
            /** @description Requests in flight to this hook at most, so a slow receiver holds only its share of the server's request slots. null: the server's default (DESKHOOKS_HOOK_MAX_IN_FLIGHT, 16). Ordered hooks always have one. */
            maxInFlight?: number | null;
            /** @description Requests per second at most, evenly spaced, counted per node. Excess deliveries wait in the queue; none are dropped. null: no limit. */
            rateLimit?: {
                /** @description Requests per second at most. */
                perSecond: number;
            } | null;
            /**
             * @description Who created the hook.
             * @default api
             * @enum {string}
             */
            source?: "api" | "zapier" | "power-automate" | "admin";
        };
        /** @description Either `url` or `destination` (not both). */
        HookCreate: components["schemas"]["HookFields"] & {
            events: string[];
        };
        TriggerHookCreate: components["schemas"]["HookFields"] & {
            url: string;
        };
        HookUpdate: components["schemas"]["HookFields"] & {
            events?: string[];
        };
        Hook: {
            id: string;
            /** @description The receiver URL; absent for inspector and stream hooks. */
            url?: string;
            destination: components["schemas"]["HookDestination"];
            events: string[];
            name?: string | null;
            description: string;
            brand?: string | null;
            /** @enum {string} */
            status: "active" | "inactive" | "disabled";
            enabled: boolean;
            format: components["schemas"]["HookFormat"];
            template?: components["schemas"]["HookTemplate"] | null;
            method: components["schemas"]["HttpMethod"];
            auth: components["schemas"]["HookAuthView"];
            /** @description Secret header values read as `********`. */
            headers: {
                [key: string]: string;
            };
            /** @description The names of `headers` that are secret (listed by you or named like a credential). */
            secretHeaders?: string[];
            filter: {
                [key: string]: unknown;
            } | null;
            retryPolicy: components["schemas"]["RetryPolicy"];
            redirects: components["schemas"]["RedirectHandling"];
            ordered: boolean;
            maxInFlight?: number | null;
            rateLimit?: {
                perSecond: number;
            } | null;
            source: string;
            disabledReason?: string | null;
            /** Format: date-time */
            failingSince?: string | null;
            lastDelivery?: {
                deliveryId?: string;
                status?: string;
                responseStatus?: number | null;
                /** Format: date-time */
                at?: string;
            } | null;
            deleted: boolean;
            /** Format: date-time */
            deletedAt?: string | null;
            /** @description The key name or system actor that deleted the hook. */
            deletedBy?: string | null;
            /** @description Why: manual, unsubscribed, gone, auto_disabled, or a given reason. */
            deletedReason?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        HookCreated: components["schemas"]["Hook"] & {
            /** @description The signing secret, `whsec_` + base64. */
            secret: string;
        };
        /**
         * @description Instead of `url`: `inspector` keeps what would have been sent as captures (GET /v1/hooks/{hookId}/captures)
         *     and counts each attempt as succeeded; `stream` hands each delivery to a consumer of
         *     GET /v1/hooks/{hookId}/stream, which acknowledges it. The request is built and signed as for a URL hook.
         */
        HookDestinationInput: {
            /** @enum {string} */
            type: "inspector" | "stream";
        };
        /** @description Where the hook's requests go. */
        HookDestination: {
            /** @enum {string} */
            type: "url" | "inspector" | "stream";
        };
        Capture: {
            id: string;
            hookId: string;
            /** @description The delivery (and `webhook-id`). */
            deliveryId: string;
            /** @description The attempt number. */
            attempt: number;
            eventIds: string[];
            eventTypes: string[];
            /** Format: date-time */
            capturedAt: string;
            request: {
                method: string;
                /** @description As sent; secret values redacted. */
                headers: {
                    [key: string]: string;
                };
                /** @description The exact body (empty for GET). */
                body: string;
                /** @description The body was over 256 KiB and is kept cut. */
                bodyTruncated: boolean;
            };
        };
        CapturePage: {
            data: components["schemas"]["Capture"][];
            nextCursor: string | null;
        };
        CaptureReplay: {
            /** @description Where to send the captured request. */
            url: string;
        };
        CaptureReplayResult: {
            /** @description The answer's status; null when there was none. */
            status: number | null;
            durationMs: number;
            /** @description The first 2 KiB of the answer. */
            responseBody: string | null;
            /** @description Why there was no answer: a timeout, a refused target or a connection error. */
            error: string | null;
        };
        /** @description Exactly one of `status` and `error`. */
        StreamAck: {
            /** @description The `attemptId` of the delivery event. */
            attemptId: string;
            /** @description What the consumer's receiver answered. */
            status?: number;
            /** @description The receiver's answer body (the first 2 KiB are kept, as in any attempt log). */
            body?: string;
            /** @description Why the receiver could not be reached. */
            error?: string;
        };
        HookPage: {
            data: components["schemas"]["Hook"][];
            nextCursor: string | null;
        };
        HookSecrets: {
            /** @description The current secret. */
            secret: string;
            /** @description Every secret that signs now, newest first. */
            secrets: {
                secret: string;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string | null;
            }[];
        };
        SecretRotate: {
            /** @default 86400 */
            overlapSeconds?: number;
        };
        HookTest: {
            /** @description The event type whose sample to send. */
            type?: string;
        };
        Recover: {
            /**
             * Format: date-time
             * @description Only deliveries created at or after this time.
             */
            since: string;
            /**
             * @description Which deliveries to re-queue. `cancelled` brings back those cancelled when the hook was
             *     auto-disabled, removed on 410 Gone, switched off or deleted (see `cancelReason`); a delivery
             *     whose event was pruned (`event_missing`) has nothing left to send and stays cancelled.
             * @default [
             *       "failed"
             *     ]
             */
            include?: ("failed" | "cancelled")[];
        };
        RecoverResult: {
            requeued: number;
        };
        EventPublish: {
            /** @description A catalog or custom event type. Reserved system types (`hook.disabled`, `chat.agent_lookup`) are published by deskhooks itself and answer 422. */
            type: string;
            /** @description Validated against the trigger's schema. */
            data: {
                [key: string]: unknown;
            };
            brand?: string | null;
            /**
             * @description Your id for the event: 1 to 128 ASCII letters, digits and `. _ : ~ -`, starting with a letter or digit
             *     (otherwise 422). Repeating it with the same event is idempotent; with a different type, brand or data
             *     it answers 409. Defaults to `evt_` + a random id.
             */
            id?: string;
            /**
             * Format: date-time
             * @description When the event happened; defaults to now.
             */
            timestamp?: string;
        };
        TriggerEventPublish: {
            /** @description Validated against the trigger's schema. */
            data: {
                [key: string]: unknown;
            };
            brand?: string | null;
            /** @description Your id for the event; repeating it is idempotent. Defaults to `evt_` + a random id. */
            id?: string;
            /**
             * Format: date-time
             * @description When the event happened; defaults to now.
             */
            timestamp?: string;
        };
        EventAccepted: {
            id: string;
            type: string;
            /** @description How many deliveries were created. */
            deliveries: number;
            /** @description True when an earlier request with the same id or Idempotency-Key already created this event. */
            duplicate: boolean;
        };
        BrandList: {
            data: {
                /** @description The brand, as events carry it in `brand`. */
                name: string;
            }[];
        };
        /**
         * @description Each event is shaped like EventPublish; an event that is not is refused on its own (its result
         *     names the fields), without refusing the batch.
         */
        EventBatch: {
            /** @description At most 1,000 events (more is a 413). */
            events: components["schemas"]["EventPublish"][];
        };
        EventBatchResult: {
            /** @description Events stored by this request. */
            accepted: number;
            /** @description Events that repeated an earlier event's id; nothing new was created for them. */
            duplicates: number;
            /** @description Events refused; nothing was stored for them. */
            refused: number;
            /** @description One result per event, in the order of the request. */
            results: components["schemas"]["EventBatchItemResult"][];
        };
        EventBatchItemResult: {
            /** @description The event's position in `events` (from 0). */
            index: number;
            /** @enum {string} */
            status: "accepted" | "duplicate" | "refused";
            /** @description The stored event's id (accepted and duplicate). */
            id?: string;
            /** @description Its type (accepted and duplicate). */
            type?: string;
            /** @description How many deliveries the event created (accepted and duplicate). */
            deliveries?: number;
            /** @description True when an earlier event with the same id already existed. */
            duplicate?: boolean;
            /** @description Why the event was refused (refused only); pointers are into the batch body, e.g. `/events/3/type`. */
            problem?: components["schemas"]["Problem"];
        };
        EventPage: {
            data: components["schemas"]["Envelope"][];
            nextCursor: string | null;
        };
        Delivery: {
            /** @description Also the `webhook-id` header of every attempt. */
            id: string;
            hookId: string;
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "cancelled";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt?: string | null;
            /** Format: date-time */
            lastAttemptAt?: string | null;
            lastResponseStatus?: number | null;
            lastError?: string | null;
            /**
             * @description Why a cancelled delivery was cancelled: its hook was deleted, removed after 410 Gone, auto-disabled
             *     after failing too long or switched off, or its event was pruned before it could be sent. Null
             *     unless the status is `cancelled`.
             * @enum {string|null}
             */
            cancelReason?: "hook_deleted" | "hook_gone" | "hook_disabled" | "hook_inactive" | "event_missing" | null;
            test?: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt?: string;
        };
        DeliveryAttempt: {
            number: number;
            /** Format: date-time */
            startedAt: string;
            durationMs: number;
            url: string;
            method: string;
            /** @description Secrets redacted. */
            requestHeaders?: {
                [key: string]: string;
            };
            responseStatus?: number | null;
            /** @description Truncated. */
            responseBody?: string | null;
            error?: string | null;
            /** @enum {string} */
            outcome: "succeeded" | "failed" | "gone" | "redirect" | "timeout" | "network" | "refused" | "throttled";
        };
        DeliveryDetail: components["schemas"]["Delivery"] & {
            attemptLog: components["schemas"]["DeliveryAttempt"][];
            event?: components["schemas"]["Envelope"];
        };
        DeliveryPage: {
            data: components["schemas"]["Delivery"][];
            nextCursor: string | null;
        };
        AgentLookupRequest: {
            /** @description The chat session (the catalog's ChatSession shape); validated like the event's data (422 names each field). */
            chat: {
                [key: string]: unknown;
            };
            /** @description Agents the helpdesk would accept: User objects, or userIds of users already in the chat (targetUsers, users, participants). An answer must name one of them; with none given, any agent id is taken. */
            candidateAgents?: (string | {
                [key: string]: unknown;
            })[];
            /** @description The agent the routing would invite next (a User); defaults to the first candidate. */
            invitedAgent?: {
                [key: string]: unknown;
            } | null;
            /** @description Which invitation jump this is. */
            attempt?: number;
            brand?: string | null;
        };
        AgentLookupResponse: {
            agentId: string;
        };
        AgentLookupResult: {
            lookupId: string;
            /** @enum {string} */
            status: "pending" | "assigned" | "no_agents_available";
            agentId: string | null;
            answeredBy?: {
                /** @enum {string} */
                via?: "webhook_response" | "callback";
                hookId?: string | null;
            } | null;
            elapsedMs?: number;
        };
        /**
         * Chat Assignee
         * @description Who a chat session is assigned to: an agent, or a group (team) of agents.
         */
        Assignee: {
            /**
             * Assignee Kind
             * @description agent when the session is assigned to one agent, group when it is assigned to a group as a whole.
             * @enum {string}
             */
            kind: "agent" | "group";
            /**
             * Agent
             * @description The assigned agent (a member); null when the session is assigned to a group only.
             */
            agent: components["schemas"]["User"] | null;
            /**
             * Group
             * @description The assigned group, or the group of the assigned agent; null when no group is involved.
             */
            group: {
                /**
                 * Group ID
                 * @description Unique id of the agent group.
                 */
                id: string;
                /**
                 * Group Name
                 * @description Display name of the agent group.
                 */
                name: string;
            } | null;
        };
        /**
         * Chat Session
         * @description A DeskDirector-style chat session as delivered by chat webhooks, with DeskDirector's own property names. Describes the payload really sent: report fields and several others are null until known, and closedDateTime is absent on open sessions.
         */
        ChatSession: {
            /**
             * MSP
             * @description Short code of the helpdesk tenant (the service provider) the session belongs to.
             * @example dd
             */
            msp: string;
            /**
             * Chat Session ID
             * @description Unique id of the chat session.
             * @example 1586985009-627B
             */
            id: string;
            /**
             * Name
             * @description Name (subject) of the chat session.
             */
            name: string;
            /**
             * Chat Type
             * @description How the session started: request — asked for by an end user from the portal; push — started by an agent from the TECH portal.
             * @enum {string}
             */
            type: "request" | "push";
            /**
             * Status
             * @description Current status: created (waiting for an agent), handled (answered by an agent), missed (the user left before an answer), callback (the user left and asked for a callback), completed (closed).
             * @enum {string}
             */
            status: "created" | "handled" | "missed" | "callback" | "completed";
            /**
             * Past Statuses
             * @description Every status the session has been in, oldest first, including the current one.
             */
            pastStatus: ("created" | "handled" | "missed" | "callback" | "completed")[];
            /**
             * Report
             * @description Timing figures of the session; each one is null until it is known.
             */
            report: {
                /**
                 * Creator Waited (Seconds)
                 * @description How long the creator waited for an agent to answer, in seconds; null until answered or given up.
                 */
                creatorWaited: number | null;
                /**
                 * Handled At
                 * Format: date-time
                 * @description When an agent first handled the session; null while nobody has.
                 */
                handledDateTime: string | null;
                /**
                 * Chat Duration (Seconds)
                 * @description Length of the conversation in seconds, from handling to closing; null until the session is completed.
                 */
                chatDuration: number | null;
            };
            /**
             * Reference
             * @description The ticket the chat is about; null when the session is not linked to a ticket.
             */
            reference: {
                /**
                 * Reference Type
                 * @description Kind of record referenced; always ticket.
                 * @constant
                 */
                type: "ticket";
                /**
                 * Referenced Ticket ID
                 * @description Id of the referenced ticket.
                 * @example 22282
                 */
                id: string;
            } | null;
            /**
             * Creator
             * @description User who created the session: usually a contact for request chats and a member for push chats.
             */
            creator: components["schemas"]["ChatUser"];
            /**
             * Callback
             * @description The callback the user asked for when leaving; null unless the status is or was callback.
             */
            callback: {
                /**
                 * Callback Type
                 * @description How the user wants to be contacted back: phone or chat.
                 * @enum {string}
                 */
                type: "phone" | "chat";
                /**
                 * Callback Phone
                 * @description Phone number to call back; null or absent for chat callbacks.
                 */
                phone?: string | null;
                /**
                 * Callback Note
                 * @description Note the user left with the request; null or absent when none.
                 */
                note?: string | null;
                /**
                 * Preferred Times
                 * @description Time windows in which the user prefers to be contacted; empty or absent when any time suits.
                 */
                preferredTime?: {
                    /**
                     * Window Start
                     * Format: date-time
                     * @description Start of the preferred window.
                     */
                    start: string;
                    /**
                     * Window End
                     * Format: date-time
                     * @description End of the preferred window.
                     */
                    end: string;
                }[];
            } | null;
            /**
             * Target Users
             * @description Chat invitation list: users invited who have not accepted yet. When they accept they move to users.
             */
            targetUsers: components["schemas"]["ChatUser"][];
            /**
             * Close Record
             * @description Who closed the session and their closing note; null while the session is open.
             */
            closeRecord: {
                /**
                 * Closed By
                 * @description User who closed the session.
                 */
                user: components["schemas"]["ChatUser"];
                /**
                 * Close Note
                 * @description Note written when closing the session; null or absent when none.
                 */
                note?: string | null;
                /**
                 * Close Record Modified At
                 * Format: date-time
                 * @description When the close record was last written.
                 */
                lastModifiedDateTime: string;
            } | null;
            /**
             * Closed At
             * Format: date-time
             * @description When the session was closed. Absent or null while the session is open; DeskDirector does not always send it.
             */
            closedDateTime?: string | null;
            /**
             * Users
             * @description Users currently in the chat session.
             */
            users: components["schemas"]["ChatUser"][];
            /**
             * Participants
             * @description Every user who has ever been in the chat session (DeskDirector's docs call this list "partitions").
             */
            participants: components["schemas"]["ChatUser"][];
            /**
             * Last Message ID
             * @description Id of the latest message in the session; null when no message has been sent.
             */
            lastMessageId: string | null;
            /**
             * Created At
             * Format: date-time
             * @description When the session was created.
             */
            createdDateTime: string;
            /**
             * Last Modified At
             * Format: date-time
             * @description When the session last changed.
             */
            lastModifiedDateTime: string;
            /**
             * Meta
             * @description Information about the receiver's access to the session. An open bag: more keys may be added.
             */
            meta: {
                /**
                 * Can Access
                 * @description Whether the webhook owner may open the session in the TECH portal.
                 */
                canAccess: boolean;
            } & {
                [key: string]: unknown;
            };
        };
        /**
         * Chat User
         * @description A user inside a chat session (creator, users, participants, invitations, close record), exactly as DeskDirector chat webhooks send it: entityId, name, userId and company. deskhooks adds kind and email when it knows them, so they are optional here; the letter in userId (c or m) also tells the kind.
         */
        ChatUser: {
            /**
             * User Entity ID
             * @description Numeric id of the contact or member record. Contacts and members are numbered separately, so only userId is unique across both.
             * @example 106
             */
            entityId: number;
            /**
             * User Name
             * @description Full display name of the user.
             * @example Jason He
             */
            name: string;
            /**
             * User ID
             * @description Tenant-wide unique user id made of the tenant code, a letter for the user kind and the entity id, e.g. dd~c~106 for contact 106 of tenant dd.
             * @example dd~c~106
             */
            userId: string;
            /**
             * User Kind
             * @description contact for an end user of a customer company, member for an agent of the service desk. Optional: DeskDirector's own chat payload does not carry it.
             * @enum {string}
             */
            kind?: "contact" | "member";
            /**
             * Email
             * Format: email
             * @description Primary email address of the user; null when none is on file. Optional: DeskDirector's own chat payload does not carry it.
             * @example jason.he@deskdirector.com
             */
            email?: string | null;
            /**
             * Company
             * @description The company the user belongs to; for members, the service provider's own company.
             */
            company: components["schemas"]["Company"];
        };
        /**
         * Company
         * @description A company (account): the customer company of a contact, or the service provider's own company for members.
         */
        Company: {
            /**
             * Company Entity ID
             * @description Numeric id of the company record in the helpdesk and its PSA.
             * @example 19348
             */
            entityId: number;
            /**
             * Company Name
             * @description Display name of the company.
             * @example DeskDirector
             */
            name: string;
            /**
             * Company Identifier
             * @description Short unique identifier of the company as kept in the PSA (for example the ConnectWise company ID).
             * @example DeskDirectorLtd
             */
            identifier: string;
        };
        /**
         * Delivery Envelope
         * @description The JSON body of every webhook delivery. `data` is the event-specific payload described by each trigger's schema.json; tooling substitutes that schema for the generic object declared here.
         */
        Envelope: {
            /**
             * Event ID
             * @description Unique id of the event: evt_ followed by a random id, or the id the helpdesk published it with. Deliveries of the same event (retries, several subscriptions) share this id, so use it to deduplicate.
             * @example evt_01JNQ8Z4K7R2W5X9C3V6B8M1TA
             */
            id: string;
            /**
             * Event Type
             * @description The trigger that produced the event, e.g. chat.missed or ticket.created (custom event types are named custom.<name>).
             * @example chat.missed
             */
            type: string;
            /**
             * Timestamp
             * Format: date-time
             * @description When the event happened, ISO 8601 with a time zone.
             * @example 2026-03-02T09:14:05Z
             */
            timestamp: string;
            /**
             * Brand
             * @description The helpdesk brand the event belongs to on multi-brand setups; null or absent on single-brand helpdesks.
             * @example Harbour IT
             */
            brand?: string | null;
            /**
             * Test Delivery
             * @description True when the delivery was sent by the "test webhook" action or a connector's sample request rather than by a real event; absent otherwise.
             */
            test?: boolean;
            /**
             * Data
             * @description The event payload. Its shape depends on `type`: see the trigger's schema.json.
             */
            data: {
                [key: string]: unknown;
            };
        };
        /**
         * Chat Message
         * @description A message in a chat session.
         */
        Message: {
            /**
             * Message ID
             * @description Unique id of the message.
             */
            id: string;
            /**
             * Chat Session ID
             * @description Id of the chat session the message belongs to.
             * @example 1586985009-627B
             */
            chatId: string;
            /**
             * Author
             * @description Who wrote the message: a member (agent) or a contact.
             */
            author: components["schemas"]["User"];
            /**
             * Body
             * @description Text of the message (plain text; Markdown is kept as typed). Empty for a message made only of attachments.
             */
            body: string;
            /**
             * Direction
             * @description sent — written on the service desk side (by an agent) and sent to the customer; received — written by the customer and received by the service desk.
             * @enum {string}
             */
            direction: "sent" | "received";
            /**
             * Created At
             * Format: date-time
             * @description When the message was posted.
             */
            createdDateTime: string;
            /**
             * Edited At
             * Format: date-time
             * @description When the message was last edited; null when it never was.
             */
            editedDateTime: string | null;
            /**
             * Retracted
             * @description True when the message has been deleted or withdrawn; its body is then empty.
             */
            retracted: boolean;
            /**
             * Attachments
             * @description Files attached to the message; empty when none.
             */
            attachments: {
                /**
                 * Attachment ID
                 * @description Unique id of the attachment.
                 */
                id: string;
                /**
                 * File Name
                 * @description Original file name.
                 */
                fileName: string;
                /**
                 * Content Type
                 * @description MIME type of the file.
                 * @example image/png
                 */
                contentType: string;
                /**
                 * Size (Bytes)
                 * @description Size of the file in bytes.
                 */
                size: number;
                /**
                 * Download URL
                 * Format: uri
                 * @description Link to download the file; requires the usual helpdesk authentication.
                 */
                url: string;
            }[];
        };
        /**
         * Ticket
         * @description A helpdesk ticket (service request) as it is after the event.
         */
        Ticket: {
            /**
             * Ticket ID
             * @description Id of the ticket (the PSA ticket number), as a string.
             * @example 22282
             */
            id: string;
            /**
             * Parent Ticket ID
             * @description Id of the parent ticket when this ticket is a sub-request (EddyDesk's {parent_ticket_id}); null or absent when it has no parent.
             * @example 48190
             */
            parentTicketId?: string | null;
            /**
             * Summary
             * @description Title (summary line) of the ticket.
             */
            summary: string;
            /**
             * Description
             * @description Initial description of the ticket as plain text; null when empty.
             */
            description: string | null;
            /**
             * Ticket Type
             * @description Type of the ticket on its board, e.g. Incident or Service Request; null when the board has no types.
             */
            type: string | null;
            /**
             * Status
             * @description Name of the current status as configured on the board, e.g. New, In Progress, Waiting on Client, Closed.
             */
            status: string;
            /**
             * Is Closed
             * @description True when the current status is a closed status.
             */
            isClosed: boolean;
            /**
             * Priority
             * @description Name of the priority, e.g. Priority 2 - High; null when none is set.
             */
            priority: string | null;
            /**
             * Board
             * @description Service board (queue) the ticket is on; null when the PSA has no boards.
             */
            board: string | null;
            /**
             * Source
             * @description Channel through which the ticket was created.
             * @enum {string}
             */
            source: "portal" | "email" | "chat" | "phone" | "teams" | "api" | "other";
            /**
             * Contact
             * @description The contact the ticket is for.
             */
            contact: components["schemas"]["User"];
            /**
             * Creator
             * @description Who created the ticket: the contact themselves or a member on their behalf.
             */
            creator: components["schemas"]["User"];
            /**
             * Assignee
             * @description The member the ticket is assigned to; null when unassigned.
             */
            assignee: components["schemas"]["User"] | null;
            /**
             * Company
             * @description The customer company the ticket belongs to.
             */
            company: components["schemas"]["Company"];
            /**
             * Approval Status
             * @description Where the ticket stands on approval: not_required, pending (waiting for approvers), approved or declined.
             * @enum {string}
             */
            approvalStatus: "not_required" | "pending" | "approved" | "declined";
            /**
             * Tags
             * @description Tags applied to the ticket; empty when none.
             */
            tags: string[];
            /**
             * Created At
             * Format: date-time
             * @description When the ticket was created.
             */
            createdDateTime: string;
            /**
             * Last Modified At
             * Format: date-time
             * @description When the ticket was last changed.
             */
            lastModifiedDateTime: string;
            /**
             * Due At
             * Format: date-time
             * @description When the ticket is due under its service level; null when no due date applies.
             */
            dueDateTime: string | null;
            /**
             * Closed At
             * Format: date-time
             * @description When the ticket was closed; null while it is open.
             */
            closedDateTime: string | null;
            /**
             * Ticket URL
             * Format: uri
             * @description Link that opens the ticket in the portal.
             */
            url: string;
            /**
             * Staff Ticket URL
             * Format: uri
             * @description Link that opens the ticket for agents (the TECH portal, EddyDesk's {link_staff}); null or absent when the helpdesk has none.
             */
            staffUrl?: string | null;
        };
        /**
         * User
         * @description A helpdesk user: a contact (an end user at a customer company) or a member (an agent or technician of the service desk). DeskDirector's user shape plus kind and email.
         */
        User: {
            /**
             * User Entity ID
             * @description Numeric id of the contact or member record. Contacts and members are numbered separately, so only userId is unique across both.
             * @example 106
             */
            entityId: number;
            /**
             * User Name
             * @description Full display name of the user.
             * @example Jason He
             */
            name: string;
            /**
             * User ID
             * @description Tenant-wide unique user id made of the tenant code, a letter for the user kind and the entity id, e.g. dd~c~106 for contact 106 of tenant dd.
             * @example dd~c~106
             */
            userId: string;
            /**
             * User Kind
             * @description contact for an end user of a customer company, member for an agent of the service desk.
             * @enum {string}
             */
            kind: "contact" | "member";
            /**
             * Email
             * Format: email
             * @description Primary email address of the user; null when none is on file. Absent when the source did not provide it.
             * @example jason.he@deskdirector.com
             */
            email?: string | null;
            /**
             * Company
             * @description The company the user belongs to; for members, the service provider's own company.
             */
            company: components["schemas"]["Company"];
        };
        /**
         * Chat Agent Lookup
         * @description Data of chat.agent_lookup. Fired each time the invitation moves from one agent to another. To pick the agent, answer the delivery itself with HTTP 200 and the JSON body {"agent_id": "<userId of one of candidateAgents>"} within 5 seconds (the timeout cannot be changed); the chat is then assigned to that agent. A low-code flow that cannot answer synchronously POSTs {"agentId": "<userId>"} to responseUrl before respondBy; the first valid answer wins. Any other answer, or none in time, lets the invitation move on.
         */
        ChatAgentLookupData: {
            /**
             * Chat Session
             * @description The chat session looking for an agent.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Lookup ID
             * @description Id of this lookup; it is part of responseUrl.
             */
            lookupId: string;
            /**
             * Attempt
             * @description Which lookup this is for the session, starting at 1.
             */
            attempt: number;
            /**
             * Invited Agent
             * @description The agent the routing would invite next if nobody answers; null when it has no choice.
             */
            invitedAgent: components["schemas"]["User"] | null;
            /**
             * Candidate Agents
             * @description Agents who are online and may be chosen; answer with the userId of one of them.
             */
            candidateAgents: components["schemas"]["User"][];
            /**
             * Respond By
             * Format: date-time
             * @description Deadline for an answer: 5 seconds after the lookup started.
             */
            respondBy: string;
            /**
             * Response URL
             * Format: uri
             * @description Where a flow POSTs its answer as JSON {"agentId": "<userId>"} when it cannot answer in the HTTP response of this delivery (POST /v1/agent-lookups/{lookupId}/response). Accepted until respondBy; the first valid answer wins.
             */
            responseUrl: string;
        };
        /**
         * Chat Agent Lookup event (chat.agent_lookup)
         * @description A chat session is looking for an agent; answer within 5 seconds with an agent id to assign it.
         */
        ChatAgentLookupEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.agent_lookup";
            data?: components["schemas"]["ChatAgentLookupData"];
        };
        /**
         * Chat Assignee Changed
         * @description Data of chat.assignee_changed: the chat session with its previous and new assignee.
         */
        ChatAssigneeChangedData: {
            /**
             * Chat Session
             * @description The chat session after the assignment.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Previous Assignee
             * @description Agent or group assigned before the change; null when the session was unassigned.
             */
            previousAssignee: components["schemas"]["Assignee"] | null;
            /**
             * New Assignee
             * @description Agent or group assigned after the change; null when the session is now unassigned.
             */
            assignee: components["schemas"]["Assignee"] | null;
            /**
             * Changed By
             * @description Who changed the assignment; null when routing rules did it.
             */
            changedBy: components["schemas"]["User"] | null;
        };
        /**
         * Chat Assignee event (chat.assignee_changed)
         * @description The agent or group a chat session is assigned to changed.
         */
        ChatAssigneeChangedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.assignee_changed";
            data?: components["schemas"]["ChatAssigneeChangedData"];
        };
        /**
         * Chat Callback Requested
         * @description Data of chat.callback_requested: the chat session, whose callback property holds the request.
         */
        ChatCallbackRequestedData: {
            /**
             * Chat Session
             * @description The chat session; its status is callback and callback is set.
             */
            chat: components["schemas"]["ChatSession"];
        };
        /**
         * Chat Callback event (chat.callback_requested)
         * @description A user left a chat session unanswered and asked to be contacted back by phone or chat.
         */
        ChatCallbackRequestedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.callback_requested";
            data?: components["schemas"]["ChatCallbackRequestedData"];
        };
        /**
         * Chat Completed
         * @description Data of chat.completed: the closed chat session, with its close record and timing report.
         */
        ChatCompletedData: {
            /**
             * Chat Session
             * @description The completed chat session.
             */
            chat: components["schemas"]["ChatSession"];
        };
        /**
         * Chat Session event (chat.completed)
         * @description A chat session was closed as completed.
         */
        ChatCompletedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.completed";
            data?: components["schemas"]["ChatCompletedData"];
        };
        /**
         * Chat Created
         * @description Data of chat.created: the new chat session.
         */
        ChatCreatedData: {
            /**
             * Chat Session
             * @description The chat session that was created.
             */
            chat: components["schemas"]["ChatSession"];
        };
        /**
         * Chat Session event (chat.created)
         * @description A chat session was requested by a user or pushed by an agent.
         */
        ChatCreatedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.created";
            data?: components["schemas"]["ChatCreatedData"];
        };
        /**
         * Chat Deleted
         * @description Data of chat.deleted: the chat session as it was when deleted, who deleted it and when.
         */
        ChatDeletedData: {
            /**
             * Chat Session
             * @description The chat session as it was just before it was deleted.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Deleted By
             * @description Who deleted the session; null when a retention policy or the API deleted it.
             */
            deletedBy: components["schemas"]["User"] | null;
            /**
             * Deleted At
             * Format: date-time
             * @description When the session was deleted.
             */
            deletedDateTime: string;
        };
        /**
         * Chat Session event (chat.deleted)
         * @description A chat session was deleted.
         */
        ChatDeletedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.deleted";
            data?: components["schemas"]["ChatDeletedData"];
        };
        /**
         * Chat Handled
         * @description Data of chat.handled: the chat session, now handled.
         */
        ChatHandledData: {
            /**
             * Chat Session
             * @description The chat session that was handled.
             */
            chat: components["schemas"]["ChatSession"];
        };
        /**
         * Chat Session event (chat.handled)
         * @description An agent answered a chat session; its status is now handled.
         */
        ChatHandledEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.handled";
            data?: components["schemas"]["ChatHandledData"];
        };
        /**
         * Chat Invitation Accepted
         * @description Data of chat.invitation_accepted: the chat session, who accepted and who had invited them.
         */
        ChatInvitationAcceptedData: {
            /**
             * Chat Session
             * @description The chat session after the acceptance.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * User
             * @description The user who accepted the invitation.
             */
            user: components["schemas"]["User"];
            /**
             * Invited By
             * @description Who sent the invitation; null when routing invited the user automatically.
             */
            invitedBy: components["schemas"]["User"] | null;
        };
        /**
         * Chat Invitation event (chat.invitation_accepted)
         * @description An invited user accepted a chat invitation and moved from targetUsers to users.
         */
        ChatInvitationAcceptedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.invitation_accepted";
            data?: components["schemas"]["ChatInvitationAcceptedData"];
        };
        /**
         * Chat Missed
         * @description Data of chat.missed: the chat session that nobody answered.
         */
        ChatMissedData: {
            /**
             * Chat Session
             * @description The missed chat session.
             */
            chat: components["schemas"]["ChatSession"];
        };
        /**
         * Chat Session event (chat.missed)
         * @description A chat session was missed: the user left before any agent answered.
         */
        ChatMissedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.missed";
            data?: components["schemas"]["ChatMissedData"];
        };
        /**
         * Chat No Agents Available
         * @description Data of chat.no_agents_available: the chat session, the agents already invited and how many lookup attempts were made. A flow may restart assignment or close the chat.
         */
        ChatNoAgentsAvailableData: {
            /**
             * Chat Session
             * @description The chat session still waiting for an agent.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Invited Agents
             * @description Agents who were invited and did not accept, in invitation order.
             */
            invitedAgents: components["schemas"]["User"][];
            /**
             * Attempts
             * @description Number of agent lookups made for the session.
             */
            attempts: number;
        };
        /**
         * Chat Session event (chat.no_agents_available)
         * @description No more agents are available to invite to a chat session.
         */
        ChatNoAgentsAvailableEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.no_agents_available";
            data?: components["schemas"]["ChatNoAgentsAvailableData"];
        };
        /**
         * Chat Property Updated
         * @description Data of chat.property_updated: the chat session and the properties that changed.
         */
        ChatPropertyUpdatedData: {
            /**
             * Chat Session
             * @description The chat session after the change.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Changed Propertys
             * @description Each changed property with its old and new value, formatted as text.
             */
            changedProperties: {
                /**
                 * Property
                 * @description Name of the changed property, as the property is named in the payload (e.g. name).
                 */
                property: string;
                /**
                 * Old Value
                 * @description Value before the change, as text; null when it was empty.
                 */
                oldValue: string | null;
                /**
                 * New Value
                 * @description Value after the change, as text; null when it is now empty.
                 */
                newValue: string | null;
            }[];
            /**
             * Changed Property Names
             * @description Names of the changed properties only, in the same order as changedProperties.
             */
            changedPropertyNames: string[];
            /**
             * Changed By
             * @description Who changed the properties; null when an automation did.
             */
            changedBy: components["schemas"]["User"] | null;
        };
        /**
         * Chat Property event (chat.property_updated)
         * @description One or more properties of a chat session were changed.
         */
        ChatPropertyUpdatedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.property_updated";
            data?: components["schemas"]["ChatPropertyUpdatedData"];
        };
        /**
         * Chat Queue Position Changed
         * @description Data of chat.queue_position_changed: the waiting chat session and its place in the queue.
         */
        ChatQueuePositionChangedData: {
            /**
             * Chat Session
             * @description The waiting chat session.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Position
             * @description New position in the queue; 1 is next in line.
             */
            position: number;
            /**
             * Previous Position
             * @description Position before the move; null when the session just entered the queue.
             */
            previousPosition: number | null;
            /**
             * Queue Length
             * @description Number of sessions waiting in the queue, this one included.
             */
            queueLength: number;
        };
        /**
         * Chat Queue Position event (chat.queue_position_changed)
         * @description A waiting chat session moved to a new position in its queue.
         */
        ChatQueuePositionChangedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.queue_position_changed";
            data?: components["schemas"]["ChatQueuePositionChangedData"];
        };
        /**
         * Chat Status Changed
         * @description Data of chat.status_changed: the chat session after the change, the status it had before and the one it has now (BoldDesk's Conversation Status Change). Filter on previousStatus and status to react to one transition, such as handled to completed.
         */
        ChatStatusChangedData: {
            /**
             * Chat Session
             * @description The chat session after the status change.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * Previous Status
             * @description Status before the change: created, handled, missed, callback or completed.
             * @enum {string}
             */
            previousStatus: "created" | "handled" | "missed" | "callback" | "completed";
            /**
             * New Status
             * @description Status after the change (same as chat.status): created, handled, missed, callback or completed.
             * @enum {string}
             */
            status: "created" | "handled" | "missed" | "callback" | "completed";
            /**
             * Changed By
             * @description Who changed the status; null when the system did (the user left, a timeout, routing rules).
             */
            changedBy: components["schemas"]["User"] | null;
        };
        /**
         * Chat Status event (chat.status_changed)
         * @description A chat session moved to a different status, with the status it had before.
         */
        ChatStatusChangedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.status_changed";
            data?: components["schemas"]["ChatStatusChangedData"];
        };
        /**
         * Chat Updated
         * @description Data of chat.updated: the chat session after the change.
         */
        ChatUpdatedData: {
            /**
             * Chat Session
             * @description The chat session after the change.
             */
            chat: components["schemas"]["ChatSession"];
        };
        /**
         * Chat Session event (chat.updated)
         * @description A chat session changed: status, users, invitations, reference or close record.
         */
        ChatUpdatedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.updated";
            data?: components["schemas"]["ChatUpdatedData"];
        };
        /**
         * Chat User Action
         * @description Data of chat.user_action: the chat session, the user and what they did.
         */
        ChatUserActionData: {
            /**
             * Chat Session
             * @description The chat session the action happened in.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * User
             * @description The user who acted.
             */
            user: components["schemas"]["User"];
            /**
             * Action
             * @description typing_started, typing_stopped, or disconnected — the user lost the connection; the server waits reconnectWindowSeconds for them to come back before they count as having left.
             * @enum {string}
             */
            action: "typing_started" | "typing_stopped" | "disconnected";
            /**
             * Reconnect Window (Seconds)
             * @description For disconnected: how long the server waits for the user to reconnect before a chat.user_left (reconnect_timeout). Null for the typing actions.
             */
            reconnectWindowSeconds: number | null;
        };
        /**
         * Chat User Action event (chat.user_action)
         * @description A chat user started typing, stopped typing or disconnected (and may reconnect).
         */
        ChatUserActionEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.user_action";
            data?: components["schemas"]["ChatUserActionData"];
        };
        /**
         * Chat User Joined
         * @description Data of chat.user_joined: the chat session and the user who joined.
         */
        ChatUserJoinedData: {
            /**
             * Chat Session
             * @description The chat session after the user joined.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * User
             * @description The user who joined.
             */
            user: components["schemas"]["User"];
        };
        /**
         * Chat Participant event (chat.user_joined)
         * @description A user joined a chat session.
         */
        ChatUserJoinedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.user_joined";
            data?: components["schemas"]["ChatUserJoinedData"];
        };
        /**
         * Chat User Left
         * @description Data of chat.user_left: the chat session, the user who left and why. A temporary disconnection is a chat.user_action (disconnected) instead.
         */
        ChatUserLeftData: {
            /**
             * Chat Session
             * @description The chat session after the user left.
             */
            chat: components["schemas"]["ChatSession"];
            /**
             * User
             * @description The user who left.
             */
            user: components["schemas"]["User"];
            /**
             * Reason
             * @description left — the user closed the chat or left it; reconnect_timeout — the user disconnected and did not come back within the reconnect window; removed — an agent removed the user.
             * @enum {string}
             */
            reason: "left" | "reconnect_timeout" | "removed";
        };
        /**
         * Chat Participant event (chat.user_left)
         * @description A user left a chat session for good (not a temporary disconnection).
         */
        ChatUserLeftEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "chat.user_left";
            data?: components["schemas"]["ChatUserLeftData"];
        };
        /**
         * Hook Disabled
         * @description Data of hook.disabled: the subscription that stopped receiving deliveries and why. Delivered to the other subscriptions to hook.disabled, never to the one that was disabled.
         */
        HookDisabledData: {
            /**
             * Webhook Subscription
             * @description The subscription that was disabled or removed.
             */
            hook: {
                /**
                 * Subscription ID
                 * @description Id of the subscription (hook).
                 */
                id: string;
                /**
                 * Subscription Name
                 * @description Name given to the subscription; null when none.
                 */
                name: string | null;
                /**
                 * Receiver URL
                 * @description The receiver URL exactly as configured; it may contain Liquid tags such as {{ data.ticket.id }}, so it is not always a valid URI as written.
                 */
                url: string;
                /**
                 * Subscription Description
                 * @description Description given to the subscription; empty when none.
                 */
                description: string;
                /**
                 * Events
                 * @description Event types the subscription listened to.
                 */
                events: string[];
            };
            /**
             * Reason
             * @description gone — the receiver answered 410 Gone, so the subscription was removed; failing — deliveries kept failing past the retry period, so it was disabled automatically; deleted — a user, a script or a connector (Zapier, Power Automate) unsubscribing deleted it; deactivated — a user deactivated it (it can be reactivated).
             * @enum {string}
             */
            reason: "gone" | "failing" | "deleted" | "deactivated";
            /**
             * Message
             * @description Human-readable explanation.
             */
            message: string;
            /**
             * Disabled At
             * Format: date-time
             * @description When the subscription was disabled or removed.
             */
            disabledAt: string;
            /**
             * Failing Since
             * Format: date-time
             * @description When deliveries started failing without a success since; null unless it was failing.
             */
            failingSince: string | null;
            /**
             * Last HTTP Status
             * @description HTTP status of the last delivery attempt; null when no answer was received (timeout, DNS, TLS) or nothing was attempted.
             */
            lastStatus: number | null;
            /**
             * Last Error
             * @description Error of the last failed attempt; null when the last attempt did not fail.
             */
            lastError: string | null;
        };
        /**
         * Webhook Subscription event (hook.disabled)
         * @description A webhook subscription was disabled or removed, and why.
         */
        HookDisabledEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "hook.disabled";
            data?: components["schemas"]["HookDisabledData"];
        };
        /**
         * Message Created
         * @description Data of message.created: the new message. message.direction tells an agent's message (sent) from a customer's (received).
         */
        MessageCreatedData: {
            /**
             * Message
             * @description The new message.
             */
            message: components["schemas"]["Message"];
        };
        /**
         * Chat Message event (message.created)
         * @description A message was sent or received in a chat session.
         */
        MessageCreatedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "message.created";
            data?: components["schemas"]["MessageCreatedData"];
        };
        /**
         * Message Edited
         * @description Data of message.edited: the message after the edit and its previous text.
         */
        MessageEditedData: {
            /**
             * Message
             * @description The message after the edit.
             */
            message: components["schemas"]["Message"];
            /**
             * Previous Body
             * @description Text of the message before the edit.
             */
            previousBody: string;
        };
        /**
         * Chat Message event (message.edited)
         * @description A chat message was edited.
         */
        MessageEditedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "message.edited";
            data?: components["schemas"]["MessageEditedData"];
        };
        /**
         * Message Retracted
         * @description Data of message.retracted: which message was withdrawn, by whom and when. The text is gone, so it is not included.
         */
        MessageRetractedData: {
            /**
             * Message ID
             * @description Id of the retracted message.
             */
            messageId: string;
            /**
             * Chat Session ID
             * @description Id of the chat session the message belonged to.
             */
            chatId: string;
            /**
             * Retracted By
             * @description Who withdrew the message: its author or an agent.
             */
            retractedBy: components["schemas"]["User"];
            /**
             * Retracted At
             * Format: date-time
             * @description When the message was withdrawn.
             */
            retractedDateTime: string;
        };
        /**
         * Chat Message event (message.retracted)
         * @description A chat message was deleted or withdrawn.
         */
        MessageRetractedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "message.retracted";
            data?: components["schemas"]["MessageRetractedData"];
        };
        /**
         * System Event
         * @description Data of system.event: what the system did and the chat or ticket it concerns.
         */
        SystemEventData: {
            /**
             * Kind
             * @description Machine-readable kind of system event; new kinds may appear.
             * @example ticket_created_on_chat_close
             */
            kind: string;
            /**
             * Description
             * @description Human-readable sentence describing the event.
             */
            description: string;
            /**
             * Occurred At
             * Format: date-time
             * @description When the system event happened.
             */
            occurredDateTime: string;
            /**
             * Related Chat
             * @description The chat session the event concerns; null when none.
             */
            chat: {
                /**
                 * Chat Session ID
                 * @description Id of the related chat session.
                 */
                id: string;
            } | null;
            /**
             * Related Ticket
             * @description The ticket the event concerns; null when none.
             */
            ticket: {
                /**
                 * Ticket ID
                 * @description Id of the related ticket.
                 */
                id: string;
            } | null;
        };
        /**
         * System Event event (system.event)
         * @description The helpdesk recorded a system event, such as a ticket created when a chat closed.
         */
        SystemEventEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "system.event";
            data?: components["schemas"]["SystemEventData"];
        };
        /**
         * Ticket Approval Required
         * @description Data of ticket.approval_required: the ticket, who must approve it, who asked and why.
         */
        TicketApprovalRequiredData: {
            /**
             * Ticket
             * @description The ticket awaiting approval (approvalStatus is pending).
             */
            ticket: components["schemas"]["Ticket"];
            /**
             * Approval ID
             * @description Id of this approval request; one ticket can go through several (e.g. multi-tier approval).
             */
            approvalId: string;
            /**
             * Approvers
             * @description Users asked to approve or decline the ticket.
             */
            approvers: components["schemas"]["User"][];
            /**
             * Requested By
             * @description Who marked the ticket as approval required (a member, or the contact through a form).
             */
            requestedBy: components["schemas"]["User"];
            /**
             * Reason
             * @description Why approval is needed, as written by the requester or the form; null when none was given.
             */
            reason: string | null;
            /**
             * Requested At
             * Format: date-time
             * @description When approval was requested.
             */
            requestedDateTime: string;
        };
        /**
         * Ticket Approval event (ticket.approval_required)
         * @description A ticket was marked Approval Required and waits for its approvers.
         */
        TicketApprovalRequiredEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "ticket.approval_required";
            data?: components["schemas"]["TicketApprovalRequiredData"];
        };
        /**
         * Ticket Created
         * @description Data of ticket.created: the new ticket.
         */
        TicketCreatedData: {
            /**
             * Ticket
             * @description The ticket that was created.
             */
            ticket: components["schemas"]["Ticket"];
        };
        /**
         * Ticket event (ticket.created)
         * @description A ticket was created, from the portal, email, a chat, Teams or by an agent.
         */
        TicketCreatedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "ticket.created";
            data?: components["schemas"]["TicketCreatedData"];
        };
        /**
         * Ticket Note Added
         * @description Data of ticket.note_added: the ticket and the new internal note.
         */
        TicketNoteAddedData: {
            /**
             * Ticket
             * @description The ticket the note was added to.
             */
            ticket: components["schemas"]["Ticket"];
            /**
             * Note
             * @description The internal note that was added.
             */
            note: {
                /**
                 * Note ID
                 * @description Unique id of the note.
                 */
                id: string;
                /**
                 * Body
                 * @description Text of the note as plain text.
                 */
                body: string;
                /**
                 * Author
                 * @description The member who wrote the note.
                 */
                author: components["schemas"]["User"];
                /**
                 * Created At
                 * Format: date-time
                 * @description When the note was added.
                 */
                createdDateTime: string;
                /**
                 * Is Internal
                 * @description Always true: notes are visible to members only.
                 * @constant
                 */
                isInternal: true;
            };
        };
        /**
         * Ticket Note event (ticket.note_added)
         * @description A member added an internal note to a ticket.
         */
        TicketNoteAddedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "ticket.note_added";
            data?: components["schemas"]["TicketNoteAddedData"];
        };
        /**
         * Ticket Reply Added
         * @description Data of ticket.reply_added: the ticket and the new reply. Filter on reply.author.kind to act only on customer (contact) or agent (member) replies.
         */
        TicketReplyAddedData: {
            /**
             * Ticket
             * @description The ticket the reply was added to.
             */
            ticket: components["schemas"]["Ticket"];
            /**
             * Reply
             * @description The reply that was added.
             */
            reply: {
                /**
                 * Reply ID
                 * @description Unique id of the reply.
                 */
                id: string;
                /**
                 * Body
                 * @description Text of the reply as plain text.
                 */
                body: string;
                /**
                 * Author
                 * @description Who wrote the reply; author.kind tells a contact (customer) from a member (agent), like EddyDesk's "author of the last reply" condition.
                 */
                author: components["schemas"]["User"];
                /**
                 * Created At
                 * Format: date-time
                 * @description When the reply was added.
                 */
                createdDateTime: string;
                /**
                 * Is Internal
                 * @description Always false: replies are visible to the contact.
                 * @constant
                 */
                isInternal: false;
            };
        };
        /**
         * Ticket Reply event (ticket.reply_added)
         * @description A public reply was added to a ticket by a contact or a member.
         */
        TicketReplyAddedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "ticket.reply_added";
            data?: components["schemas"]["TicketReplyAddedData"];
        };
        /**
         * Ticket Status Changed
         * @description Data of ticket.status_changed: the ticket and its previous and new status.
         */
        TicketStatusChangedData: {
            /**
             * Ticket
             * @description The ticket after the status change.
             */
            ticket: components["schemas"]["Ticket"];
            /**
             * Previous Status
             * @description Name of the status before the change.
             */
            previousStatus: string;
            /**
             * New Status
             * @description Name of the status after the change (same as ticket.status).
             */
            status: string;
            /**
             * Changed By
             * @description Who changed the status; null when it came from an automation or a PSA sync.
             */
            changedBy: components["schemas"]["User"] | null;
        };
        /**
         * Ticket Status event (ticket.status_changed)
         * @description A ticket moved to a different status.
         */
        TicketStatusChangedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "ticket.status_changed";
            data?: components["schemas"]["TicketStatusChangedData"];
        };
        /**
         * Ticket Updated
         * @description Data of ticket.updated: the ticket after the change, what changed, and who changed it.
         */
        TicketUpdatedData: {
            /**
             * Ticket
             * @description The ticket after the change.
             */
            ticket: components["schemas"]["Ticket"];
            /**
             * Changed Fields
             * @description Each changed field with its old and new value, formatted as text.
             */
            changedFields: {
                /**
                 * Field
                 * @description Name of the changed field, as the property is named in the payload (e.g. priority).
                 */
                field: string;
                /**
                 * Old Value
                 * @description Value before the change, as text; null when it was empty.
                 */
                oldValue: string | null;
                /**
                 * New Value
                 * @description Value after the change, as text; null when it is now empty.
                 */
                newValue: string | null;
            }[];
            /**
             * Changed Field Names
             * @description Names of the changed fields only, in the same order as changedFields (handy for filters such as "contains priority").
             */
            changedFieldNames: string[];
            /**
             * Changed By
             * @description Who made the change; null when it came from an automation or a PSA sync.
             */
            changedBy: components["schemas"]["User"] | null;
        };
        /**
         * Ticket event (ticket.updated)
         * @description One or more fields of a ticket changed.
         */
        TicketUpdatedEvent: components["schemas"]["Envelope"] & {
            /** @constant */
            type?: "ticket.updated";
            data?: components["schemas"]["TicketUpdatedData"];
        };
    };
    responses: {
        /** @description An error (RFC 9457). A 503 (database down or busy) carries Retry-After. */
        Problem: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request is malformed; `errors` names each offending field. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No API key, or the key was refused. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The key may not do this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource for this tenant. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource is not in a state that allows this. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is over the size limit. */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Well-formed but refused (schema validation, target URL rules, filter syntax); `errors` names each field. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The hook, with its signing secret. */
        HookCreated: {
            headers: {
                Location: components["headers"]["Location"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HookCreated"];
            };
        };
    };
    parameters: {
        /** @description Page size. */
        Limit: number;
        /** @description The `nextCursor` of the previous page. */
        Cursor: string;
        /** @description The hook's id. */
        HookId: string;
        /** @description The capture's id. */
        CaptureId: string;
        /** @description The tenant's id. */
        TenantId: string;
        /** @description The API key's id. */
        KeyId: string;
        /** @description The event's id. */
        EventId: string;
        /** @description The delivery's id (the `webhook-id` header of its requests). */
        DeliveryId: string;
        /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
        EventType: components["schemas"]["EventTypeName"];
        /** @description A custom event type, `custom.` followed by a name. */
        CustomEventTypeName: string;
        /** @description Only deliveries in this state. */
        DeliveryStatus: "pending" | "succeeded" | "failed" | "cancelled";
        /** @description The delivery id; the same on every retry, so receivers can dedupe. */
        WebhookId: string;
        /** @description Unix seconds when this attempt was signed. */
        WebhookTimestamp: string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
        WebhookSignature: string;
    };
    requestBodies: never;
    headers: {
        /** @description Absolute URL of the created resource. */
        Location: string;
        /** @description On 503 (always there), how many seconds to wait before sending the request again. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to take traffic. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            503: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics in the Prometheus text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant and key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    listTenants: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Tenant"][];
                        nextCursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["Problem"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Contoso IT",
                 *       "keyName": "helpdesk"
                 *     }
                 */
                "application/json": components["schemas"]["TenantCreate"];
            };
        };
        responses: {
            /** @description The tenant and its first key. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["Problem"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Admin keys only; the tenant whose keys to list. */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "zapier"
                 *     }
                 */
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description The key, shown once. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API key's id. */
                keyId: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "webhooksEnabled": false
                 *     }
                 */
                "application/json": components["schemas"]["SettingsUpdate"];
            };
        };
        responses: {
            /** @description The new settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    listTriggers: {
        parameters: {
            query?: {
                /** @description Only triggers of this group. */
                group?: "ticket" | "chat" | "message" | "system" | "custom";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The triggers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TriggerSummary"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    getTrigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trigger. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trigger"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getTriggerSchema: {
        parameters: {
            query?: {
                /**
                 * @description `json-schema` (default): JSON Schema draft 2020-12. `swagger2`: the same schema as a Swagger 2.0
                 *     schema object (`x-nullable` instead of type arrays, single-value `enum` instead of `const`,
                 *     `x-ms-summary` from each `title`), which the Power Automate connector's dynamic schemas need.
                 */
                format?: "json-schema" | "swagger2";
            };
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schema. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/schema+json": {
                        [key: string]: unknown;
                    };
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getTriggerSample: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sample. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Envelope"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    subscribeToTrigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://hooks.zapier.com/hooks/standard/123456/abcdef/",
                 *       "description": "Zap: Notify the on-call tech about missed chats",
                 *       "source": "zapier"
                 *     }
                 */
                "application/json": components["schemas"]["TriggerHookCreate"];
            };
        };
        responses: {
            201: components["responses"]["HookCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    publishTriggerEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries of this request safe; the first answer is returned for a repeated key. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description An event type, such as `chat.missed` or `custom.device_offline`. */
                type: components["parameters"]["EventType"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "brand": "contoso",
                 *       "data": {
                 *         "kind": "ticket_created_on_chat_close",
                 *         "description": "Ticket 48213 was created from chat 1772442845-3F1A when Liam O'Connor closed it.",
                 *         "occurredDateTime": "2026-03-02T09:34:58Z",
                 *         "chat": {
                 *           "id": "1772442845-3F1A"
                 *         },
                 *         "ticket": {
                 *           "id": "48213"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["TriggerEventPublish"];
            };
        };
        responses: {
            /** @description Accepted and stored. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    listCustomEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The custom event types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CustomEventType"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    getCustomEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A custom event type, `custom.` followed by a name. */
                type: components["parameters"]["CustomEventTypeName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The custom event type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomEventType"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    putCustomEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A custom event type, `custom.` followed by a name. */
                type: components["parameters"]["CustomEventTypeName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "description": "A device in a customer's fleet went offline.",
                 *       "schema": {
                 *         "type": "object",
                 *         "required": [
                 *           "deviceId"
                 *         ],
                 *         "properties": {
                 *           "deviceId": {
                 *             "type": "string",
                 *             "title": "Device ID",
                 *             "description": "The device's id."
                 *           }
                 *         }
                 *       },
                 *       "sample": {
                 *         "deviceId": "LAPTOP-0042"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CustomEventTypeInput"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomEventType"];
                };
            };
            /** @description Registered. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomEventType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    deleteCustomEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A custom event type, `custom.` followed by a name. */
                type: components["parameters"]["CustomEventTypeName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    listHooks: {
        parameters: {
            query?: {
                /** @description Only hooks in this state. */
                status?: "active" | "inactive" | "disabled";
                /** @description Only hooks subscribed to this event type (hooks subscribed to `*` included). */
                event?: string;
                /** @description Only hooks of this brand. */
                brand?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of hooks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HookPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    createHook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://example.com/webhooks/deskhooks",
                 *       "events": [
                 *         "chat.missed",
                 *         "chat.callback_requested"
                 *       ],
                 *       "description": "Page the on-call tech about abandoned chats",
                 *       "filter": {
                 *         "data.chat.type": "request"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["HookCreate"];
            };
        };
        responses: {
            201: components["responses"]["HookCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    listDeletedHooks: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deleted hooks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HookPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    getHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hook. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hook"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    deleteHook: {
        parameters: {
            query?: {
                /** @description Why the hook is deleted, recorded in the deleted list. */
                reason?: string;
            };
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted (or already deleted). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    updateHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "description": "Missed chats, weekdays team",
                 *       "events": [
                 *         "chat.missed"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["HookUpdate"];
            };
        };
        responses: {
            /** @description The edited hook. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    activateHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hook. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hook"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    deactivateHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hook. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hook"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    restoreHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The restored hook. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hook"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    getHookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secrets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HookSecrets"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    rotateHookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "overlapSeconds": 3600
                 *     }
                 */
                "application/json": components["schemas"]["SecretRotate"];
            };
        };
        responses: {
            /** @description The secrets after rotation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HookSecrets"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listHookCaptures: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of captures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapturePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    clearHookCaptures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getHookCapture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
                /** @description The capture's id. */
                captureId: components["parameters"]["CaptureId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The capture. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Capture"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    replayHookCapture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
                /** @description The capture's id. */
                captureId: components["parameters"]["CaptureId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "http://localhost:4000/hook"
                 *     }
                 */
                "application/json": components["schemas"]["CaptureReplay"];
            };
        };
        responses: {
            /** @description What the URL answered, or why it could not be reached. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaptureReplayResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    streamHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream (never ends on its own). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    ackStreamDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "attemptId": "sat_01JDW3Q0V7ZC5R9M1N2B3V4C5X",
                 *       "status": 200,
                 *       "body": "ok"
                 *     }
                 */
                "application/json": components["schemas"]["StreamAck"];
            };
        };
        responses: {
            /** @description Acknowledged; the attempt is settled. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    testHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "chat.missed"
                 *     }
                 */
                "application/json": components["schemas"]["HookTest"];
            };
        };
        responses: {
            /** @description The test delivery was queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    recoverHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "since": "2026-11-20T00:00:00Z",
                 *       "include": [
                 *         "failed",
                 *         "cancelled"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Recover"];
            };
        };
        responses: {
            /** @description How many deliveries were re-queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoverResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    listHookDeliveries: {
        parameters: {
            query?: {
                /** @description Only deliveries in this state. */
                status?: components["parameters"]["DeliveryStatus"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The hook's id. */
                hookId: components["parameters"]["HookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Only events of this type. */
                type?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of envelopes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries of this request safe: a repeated key with the same event returns the first answer
                 *     (`duplicate: true`); with a different type, brand, data or id it answers 409. 1 to 128 ASCII
                 *     letters, digits and `. _ : ~ -`, starting with a letter or digit (otherwise 422).
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "system.event",
                 *       "brand": "contoso",
                 *       "data": {
                 *         "kind": "ticket_created_on_chat_close",
                 *         "description": "Ticket 48213 was created from chat 1772442845-3F1A when Liam O'Connor closed it.",
                 *         "occurredDateTime": "2026-03-02T09:34:58Z",
                 *         "chat": {
                 *           "id": "1772442845-3F1A"
                 *         },
                 *         "ticket": {
                 *           "id": "48213"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["EventPublish"];
            };
        };
        responses: {
            /** @description Accepted and stored. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    listBrands: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The brands. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "name": "Harbour IT"
                     *         },
                     *         {
                     *           "name": "contoso"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["BrandList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    publishEventBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "id": "evt_2026-03-02_48213",
                 *           "type": "system.event",
                 *           "brand": "contoso",
                 *           "data": {
                 *             "kind": "ticket_created_on_chat_close",
                 *             "description": "Ticket 48213 was created from chat 1772442845-3F1A when Liam O'Connor closed it.",
                 *             "occurredDateTime": "2026-03-02T09:34:58Z",
                 *             "chat": {
                 *               "id": "1772442845-3F1A"
                 *             },
                 *             "ticket": {
                 *               "id": "48213"
                 *             }
                 *           }
                 *         },
                 *         {
                 *           "id": "evt_2026-03-02_48214",
                 *           "type": "system.event",
                 *           "data": {
                 *             "kind": "ticket_created_on_chat_close",
                 *             "description": "Ticket 48214 was created from chat 1772442901-7C2B when Aroha Ngata closed it.",
                 *             "occurredDateTime": "2026-03-02T09:35:12Z",
                 *             "chat": {
                 *               "id": "1772442901-7C2B"
                 *             },
                 *             "ticket": {
                 *               "id": "48214"
                 *             }
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["EventBatch"];
            };
        };
        responses: {
            /** @description The batch was read; one result per event, in order (some may be refused). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventBatchResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["TooLarge"];
            default: components["responses"]["Problem"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's id. */
                eventId: components["parameters"]["EventId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Envelope"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description Only deliveries in this state. */
                status?: components["parameters"]["DeliveryStatus"];
                /** @description Only deliveries to this hook. */
                hookId?: string;
                /** @description Only deliveries of this event type. */
                eventType?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery's id (the `webhook-id` header of its requests). */
                deliveryId: components["parameters"]["DeliveryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryDetail"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery's id (the `webhook-id` header of its requests). */
                deliveryId: components["parameters"]["DeliveryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Problem"];
        };
    };
    lookupAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat session's id. */
                chatId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "chat": {
                 *         "msp": "hbit",
                 *         "id": "1772442845-3F1A",
                 *         "name": "Outlook password prompts",
                 *         "type": "request",
                 *         "status": "created",
                 *         "pastStatus": [
                 *           "created"
                 *         ],
                 *         "report": {
                 *           "creatorWaited": null,
                 *           "handledDateTime": null,
                 *           "chatDuration": null
                 *         },
                 *         "reference": null,
                 *         "creator": {
                 *           "entityId": 3187,
                 *           "name": "Aroha Ngata",
                 *           "userId": "hbit~c~3187",
                 *           "kind": "contact",
                 *           "company": {
                 *             "entityId": 20417,
                 *             "name": "Kiwi Freight Ltd",
                 *             "identifier": "KiwiFreight"
                 *           }
                 *         },
                 *         "callback": null,
                 *         "targetUsers": [
                 *           {
                 *             "entityId": 42,
                 *             "name": "Liam O'Connor",
                 *             "userId": "hbit~m~42",
                 *             "kind": "member",
                 *             "company": {
                 *               "entityId": 250,
                 *               "name": "Harbour IT Services",
                 *               "identifier": "HarbourIT"
                 *             }
                 *           },
                 *           {
                 *             "entityId": 57,
                 *             "name": "Priya Raman",
                 *             "userId": "hbit~m~57",
                 *             "kind": "member",
                 *             "company": {
                 *               "entityId": 250,
                 *               "name": "Harbour IT Services",
                 *               "identifier": "HarbourIT"
                 *             }
                 *           }
                 *         ],
                 *         "closeRecord": null,
                 *         "users": [
                 *           {
                 *             "entityId": 3187,
                 *             "name": "Aroha Ngata",
                 *             "userId": "hbit~c~3187",
                 *             "kind": "contact",
                 *             "company": {
                 *               "entityId": 20417,
                 *               "name": "Kiwi Freight Ltd",
                 *               "identifier": "KiwiFreight"
                 *             }
                 *           }
                 *         ],
                 *         "participants": [
                 *           {
                 *             "entityId": 3187,
                 *             "name": "Aroha Ngata",
                 *             "userId": "hbit~c~3187",
                 *             "kind": "contact",
                 *             "company": {
                 *               "entityId": 20417,
                 *               "name": "Kiwi Freight Ltd",
                 *               "identifier": "KiwiFreight"
                 *             }
                 *           }
                 *         ],
                 *         "lastMessageId": "1772442851-A01C",
                 *         "createdDateTime": "2026-03-02T09:14:05Z",
                 *         "lastModifiedDateTime": "2026-03-02T09:14:06Z",
                 *         "meta": {
                 *           "canAccess": true
                 *         }
                 *       },
                 *       "candidateAgents": [
                 *         "hbit~m~42",
                 *         "hbit~m~57"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["AgentLookupRequest"];
            };
        };
        responses: {
            /** @description The outcome of the lookup. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentLookupResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    respondToAgentLookup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The lookup's id, from the `chat.agent_lookup` event's data. */
                lookupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "agentId": "dd~m~12"
                 *     }
                 */
                "application/json": components["schemas"]["AgentLookupResponse"];
            };
        };
        responses: {
            /** @description The answer was taken. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentLookupResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    onChatAgentLookup: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatAgentLookupEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatAssigneeChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatAssigneeChangedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatCallbackRequested: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCallbackRequestedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCompletedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatDeleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatDeletedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatHandled: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatHandledEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatInvitationAccepted: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatInvitationAcceptedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatMissed: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatMissedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatNoAgentsAvailable: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatNoAgentsAvailableEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatPropertyUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatPropertyUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatQueuePositionChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatQueuePositionChangedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatStatusChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatStatusChangedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatUserAction: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatUserActionEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatUserJoined: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatUserJoinedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onChatUserLeft: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatUserLeftEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onHookDisabled: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["HookDisabledEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMessageCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMessageEdited: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageEditedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMessageRetracted: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageRetractedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSystemEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SystemEventEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTicketApprovalRequired: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketApprovalRequiredEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTicketCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTicketNoteAdded: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketNoteAddedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTicketReplyAdded: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketReplyAddedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTicketStatusChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketStatusChangedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTicketUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same on every retry, so receivers can dedupe. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (Standard Webhooks). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The event envelope (or, per the hook's format, its data, a batch array, or a rendered template). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: deskhooks deletes the subscription and emits hook.disabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Throttled: deskhooks retries after Retry-After (within bounds). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
