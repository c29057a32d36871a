-- Custom headers a tenant marked secret (write-only, redacted in attempt logs) beyond those whose names
-- look like credentials. The secrets themselves (auth, headers, signing secrets) are sealed in place
-- by the store at start (see store/hook-secrets.ts): SQL cannot encrypt.
ALTER TABLE hooks ADD COLUMN secret_headers TEXT NOT NULL DEFAULT '[]';
