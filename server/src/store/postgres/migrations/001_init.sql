-- deskhooks PostgreSQL schema, version 1. Times are epoch milliseconds (bigint), like the Store
-- interface. `seq` identity columns record insertion order, whatever each node's clock says: lists
-- are newest first by seq, pages are keyset ranges on seq, and an ordered hook's oldest delivery is
-- its lowest seq (the same rules as the SQLite store).
-- No foreign keys between tenant-scoped tables: every query carries the tenant id, and the retention
-- job deletes in small batches without cascades fanning out. Documents are `json`, not `jsonb`: they
-- are only ever read back whole, and `json` keeps their key order as given.

CREATE TABLE tenants (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  webhooks_enabled boolean NOT NULL,
  created_at bigint NOT NULL
);
CREATE UNIQUE INDEX tenants_page ON tenants (seq);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id text,
  name text NOT NULL,
  role text NOT NULL,
  prefix text NOT NULL,
  hash text NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  revoked_at bigint,
  last_used_at bigint
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, seq);

CREATE TABLE custom_event_types (
  tenant_id text NOT NULL,
  type text NOT NULL,
  description text NOT NULL,
  schema json NOT NULL,
  sample json NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (tenant_id, type)
);

CREATE TABLE hooks (
  tenant_id text NOT NULL,
  id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  url text NOT NULL,
  events text[] NOT NULL,
  name text,
  description text NOT NULL,
  brand text,
  status text NOT NULL,
  disabled_reason text,
  format text NOT NULL,
  template json,
  method text NOT NULL,
  auth json NOT NULL,
  headers json NOT NULL,
  filter json,
  retry_policy json NOT NULL,
  ordered boolean NOT NULL,
  source text NOT NULL,
  secrets json NOT NULL,
  failing_since bigint,
  last_delivery json,
  deleted_at bigint,
  deleted_by text,
  deleted_reason text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX hooks_page ON hooks (tenant_id, seq);

-- The matching index: one row per (subscribed type or '*') of each hook that can receive deliveries
-- now (active, not deleted), rewritten whenever a hook's events, brand, status or deletion change.
-- Matching an event reads only the rows for its tenant and type, whatever the number of other hooks.
CREATE TABLE hook_events (
  tenant_id text NOT NULL,
  event_type text NOT NULL,
  hook_id text NOT NULL,
  brand text,
  PRIMARY KEY (tenant_id, event_type, hook_id)
);
CREATE INDEX hook_events_by_hook ON hook_events (tenant_id, hook_id);

CREATE TABLE events (
  tenant_id text NOT NULL,
  id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  brand text,
  data json NOT NULL,
  "timestamp" bigint NOT NULL,
  idempotency_key text,
  test boolean NOT NULL,
  delivery_count integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX events_idempotency ON events (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX events_page ON events (tenant_id, seq);
CREATE INDEX events_page_by_type ON events (tenant_id, type, seq);
CREATE INDEX events_retention ON events (created_at);

CREATE TABLE deliveries (
  tenant_id text NOT NULL,
  id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  hook_id text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL,
  next_attempt_at bigint,
  last_attempt_at bigint,
  last_response_status integer,
  last_error text,
  lease_owner text,
  lease_expires_at bigint,
  test boolean NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- Claiming: the due pending deliveries, in due order.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, seq) WHERE status = 'pending';
-- Ordered hooks: the oldest pending delivery of a hook, and whether one of them is leased.
CREATE INDEX deliveries_pending_by_hook ON deliveries (tenant_id, hook_id, seq) WHERE status = 'pending';
-- Failure log and delivery lists: newest first by tenant, optionally by status, hook or type.
CREATE INDEX deliveries_page ON deliveries (tenant_id, seq);
CREATE INDEX deliveries_page_by_status ON deliveries (tenant_id, status, seq);
CREATE INDEX deliveries_page_by_hook ON deliveries (tenant_id, hook_id, seq);
CREATE INDEX deliveries_page_by_type ON deliveries (tenant_id, event_type, seq);
CREATE INDEX deliveries_by_event ON deliveries (tenant_id, event_id);
CREATE INDEX deliveries_by_lease_owner ON deliveries (lease_owner) WHERE lease_owner IS NOT NULL;

CREATE TABLE attempts (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL,
  delivery_id text NOT NULL,
  number integer NOT NULL,
  started_at bigint NOT NULL,
  duration_ms integer NOT NULL,
  url text NOT NULL,
  method text NOT NULL,
  request_headers json NOT NULL,
  response_status integer,
  response_body text,
  error text,
  outcome text NOT NULL
);
CREATE UNIQUE INDEX attempts_by_delivery ON attempts (tenant_id, delivery_id, number);
CREATE INDEX attempts_retention ON attempts (started_at);

CREATE TABLE agent_lookups (
  tenant_id text NOT NULL,
  id text NOT NULL,
  chat_id text NOT NULL,
  status text NOT NULL,
  agent_id text,
  answered_via text,
  answered_hook_id text,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX agent_lookups_retention ON agent_lookups (expires_at);
