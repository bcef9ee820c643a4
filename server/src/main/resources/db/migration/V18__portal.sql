-- The customer portal's access: signed links, customer tokens and sessions. Only SHA-256 digests
-- of the secrets are stored, so a database dump opens no portal. Sessions live here, not in a
-- node's memory, because several Tollgate nodes share one database.

CREATE TABLE portal_links (
  root_id       text NOT NULL,
  id            text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  token_sha256  bytea NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL CHECK (expires_at > created_at),
  used_at       timestamptz,
  PRIMARY KEY (root_id, id)
);

CREATE TABLE portal_tokens (
  root_id       text NOT NULL,
  id            text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  prefix        text NOT NULL,
  token_sha256  bytea NOT NULL UNIQUE,
  remark        text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (root_id, id),
  UNIQUE (id)
);
-- An account's live tokens: the list and the per-account limit.
CREATE INDEX portal_tokens_live ON portal_tokens (account_id, created_at, id) WHERE revoked_at IS NULL;

CREATE TABLE portal_sessions (
  session_sha256  bytea PRIMARY KEY,
  root_id         text NOT NULL,
  account_id      text NOT NULL REFERENCES accounts (id),
  csrf_token      text NOT NULL,
  source_kind     text NOT NULL CHECK (source_kind IN ('link', 'token')),
  source_id       text NOT NULL,
  created_at      timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  ended_at        timestamptz
);
-- Revoking a token ends the sessions it opened.
CREATE INDEX portal_sessions_by_source ON portal_sessions (source_id) WHERE ended_at IS NULL;
