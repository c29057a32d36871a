-- Per-hook delivery limits (fair scheduling): requests in flight at most, and an optional rate
-- limit as JSON ({"perSecond": N}). NULL: the server's default cap, no rate limit.
ALTER TABLE hooks ADD COLUMN max_in_flight INTEGER;
ALTER TABLE hooks ADD COLUMN rate_limit TEXT;
