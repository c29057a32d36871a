-- deskhooks SQLite schema, version 1. Times are epoch milliseconds; JSON columns hold JSON text.
-- Every table carries an INTEGER `seq` primary key: it gives stable newest-first ordering and
-- cheap opaque cursors, whatever the clock said.

CREATE TABLE tenants (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  webhooks_enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT REFERENCES tenants (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('tenant', 'admin')),
  prefix TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, seq);

CREATE TABLE custom_event_types (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  schema TEXT NOT NULL,
  sample TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, type)
);

CREATE TABLE hooks (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  name TEXT,
  description TEXT NOT NULL,
  brand TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'disabled')),
  disabled_reason TEXT,
  format TEXT NOT NULL,
  template TEXT,
  method TEXT NOT NULL,
  auth TEXT NOT NULL,
  headers TEXT NOT NULL,
  filter TEXT,
  retry_policy TEXT NOT NULL,
  ordered INTEGER NOT NULL,
  source TEXT NOT NULL,
  secrets TEXT NOT NULL,
  failing_since INTEGER,
  last_delivery TEXT,
  deleted_at INTEGER,
  deleted_by TEXT,
  deleted_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX hooks_tenant ON hooks (tenant_id, deleted_at, seq);

-- The candidate index for appendEvent: one row per (event type or '*') of each hook that can receive
-- deliveries now (active, not deleted). Rows are rewritten whenever a hook's events, brand, status or
-- deletion change, so matching an event reads only the hooks that match its tenant, type and brand.
CREATE TABLE hook_events (
  tenant_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  hook_id TEXT NOT NULL REFERENCES hooks (id),
  brand TEXT,
  PRIMARY KEY (tenant_id, event_type, hook_id)
) WITHOUT ROWID;
CREATE INDEX hook_events_hook ON hook_events (hook_id);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  brand TEXT,
  data TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  idempotency_key TEXT,
  test INTEGER NOT NULL DEFAULT 0,
  delivery_count INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX events_idempotency ON events (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX events_tenant_type ON events (tenant_id, type, seq);
CREATE INDEX events_created ON events (created_at);

CREATE TABLE deliveries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  hook_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_attempt_at INTEGER,
  last_response_status INTEGER,
  last_error TEXT,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  test INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_hook_pending ON deliveries (hook_id, seq) WHERE status = 'pending';
CREATE INDEX deliveries_tenant ON deliveries (tenant_id, seq);
CREATE INDEX deliveries_tenant_hook ON deliveries (tenant_id, hook_id, seq);
CREATE INDEX deliveries_event ON deliveries (tenant_id, event_id);

CREATE TABLE attempts (
  delivery_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  url TEXT NOT NULL,
  method TEXT NOT NULL,
  request_headers TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  error TEXT,
  outcome TEXT NOT NULL,
  PRIMARY KEY (delivery_id, number)
);
CREATE INDEX attempts_started ON attempts (started_at);

CREATE TABLE agent_lookups (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'assigned', 'no_agents_available')),
  agent_id TEXT,
  answered_via TEXT,
  answered_hook_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX agent_lookups_created ON agent_lookups (created_at);
