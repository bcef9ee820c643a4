-- The admin console (console/README.md): operators with roles, and console sessions shared by
-- every node. Tokens and session ids are stored only as SHA-256.
CREATE TABLE operators (
  name          text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  role          text NOT NULL CHECK (role IN ('administrator', 'billing', 'read_only')),
  token_sha256  bytea NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz
);

CREATE TABLE console_sessions (
  id_sha256      bytea PRIMARY KEY,
  -- 'admin' for the admin token, else the operator's name (its role is read on every request).
  operator_name  text NOT NULL,
  csrf_token     text NOT NULL,
  created_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL
);
-- Expired sessions are deleted by age.
CREATE INDEX console_sessions_last_seen ON console_sessions (last_seen_at);

-- The console's usage log without an account filter reads newest first across all accounts;
-- without this index that is a sort of the whole window.
CREATE INDEX usage_by_time ON usage_records (occurred_at, id);
