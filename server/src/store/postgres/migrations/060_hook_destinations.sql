-- Issue #18: a hook's destination is a URL (as before), the built-in inspector (deliveries are kept as
-- captures instead of sent) or a stream (deliveries go to an SSE consumer connected to some node).
-- Inspector and stream hooks keep an empty url.
ALTER TABLE hooks ADD COLUMN destination text NOT NULL DEFAULT 'url';

-- What an inspector hook would have sent: the newest DESKHOOKS_INSPECTOR_CAPTURES per hook are kept,
-- secret header values redacted, the body cut at 256 KiB.
CREATE TABLE captures (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  tenant_id text NOT NULL,
  hook_id text NOT NULL,
  delivery_id text NOT NULL,
  attempt integer NOT NULL,
  event_ids json NOT NULL,
  event_types json NOT NULL,
  captured_at bigint NOT NULL,
  method text NOT NULL,
  headers json NOT NULL,
  body text NOT NULL,
  body_truncated boolean NOT NULL
);
CREATE INDEX captures_by_hook ON captures (tenant_id, hook_id, seq);
CREATE INDEX captures_retention ON captures (captured_at);

-- A delivery handed to a stream consumer and waiting for its acknowledgement. The ack may reach any
-- node: it is written here, and the node that sent the delivery (owner) settles the attempt.
CREATE TABLE stream_attempts (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  hook_id text NOT NULL,
  delivery_id text NOT NULL,
  owner text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  ack_status integer,
  ack_body text,
  ack_error text,
  acked_at bigint
);
CREATE INDEX stream_attempts_acked ON stream_attempts (owner) WHERE acked_at IS NOT NULL;
CREATE INDEX stream_attempts_retention ON stream_attempts (expires_at);
