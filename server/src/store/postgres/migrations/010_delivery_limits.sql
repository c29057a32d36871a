-- Per-hook delivery limits (fair scheduling): requests in flight at most, and an optional rate
-- limit ({"perSecond": N}). NULL: the server's default cap, no rate limit.
ALTER TABLE hooks ADD COLUMN max_in_flight integer;
ALTER TABLE hooks ADD COLUMN rate_limit json;
