-- A key's stored and shown prefix may reveal at most a quarter of the key. Only hashes are stored, so
-- lengths are not known here: generated keys are 47 characters (at most 11 shown) and keys set through
-- DESKHOOKS_API_KEY / DESKHOOKS_ADMIN_KEY at least 16 (at most 4 shown), so each keeps what is safe.
UPDATE api_keys SET prefix = substr(prefix, 1, 4) WHERE name IN ('DESKHOOKS_API_KEY', 'DESKHOOKS_ADMIN_KEY') AND length(prefix) > 4;
UPDATE api_keys SET prefix = substr(prefix, 1, 11) WHERE length(prefix) > 11;
