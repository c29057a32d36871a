-- Issue #18: a hook's destination is a URL (as before), the built-in inspector (deliveries are kept as
-- captures instead of sent) or a stream (deliveries go to an SSE consumer connected to some node).
-- Inspector and stream hooks keep an empty url.
ALTER TABLE hooks ADD COLUMN destination TEXT NOT NULL DEFAULT 'url';

-- What an inspector hook would have sent: the newest DESKHOOKS_INSPECTOR_CAPTURES per hook are kept,
-- secret header values redacted, the body cut at 256 KiB.
CREATE TABLE captures (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  hook_id TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  event_ids TEXT NOT NULL,
  event_types TEXT NOT NULL,
  captured_at INTEGER NOT NULL,
  method TEXT NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  body_truncated INTEGER NOT NULL
);
CREATE INDEX captures_by_hook ON captures (tenant_id, hook_id, seq);
CREATE INDEX captures_retention ON captures (captured_at);

-- A delivery handed to a stream consumer and waiting for its acknowledgement. The ack may reach any
-- node: it is written here, and the node that sent the delivery (owner) settles the attempt.
CREATE TABLE stream_attempts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  hook_id TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ack_status INTEGER,
  ack_body TEXT,
  ack_error TEXT,
  acked_at INTEGER
);
CREATE INDEX stream_attempts_acked ON stream_attempts (owner) WHERE acked_at IS NOT NULL;
CREATE INDEX stream_attempts_retention ON stream_attempts (expires_at);
