-- Accounts and API keys. Every table that holds an account's data carries root_id, the root
-- account of its family, so a distributed PostgreSQL (Citus) can shard by it and family-wide
-- limits (keys, concurrency) are checked inside one shard.

CREATE TABLE admin_token (
  id            smallint PRIMARY KEY CHECK (id = 1),
  token_sha256  bytea NOT NULL CHECK (length(token_sha256) = 32),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id                   text PRIMARY KEY,
  root_id              text NOT NULL,
  parent_id            text REFERENCES accounts (id),
  name                 text NOT NULL,
  currency             text NOT NULL,
  timezone             text NOT NULL,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  postpaid_enabled     boolean NOT NULL DEFAULT false,
  postpaid_changed_at  timestamptz,
  content_moderation   boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  -- A root is its own root; a sub-account's root is its parent (one level deep).
  CHECK ((parent_id IS NULL AND root_id = id) OR (parent_id IS NOT NULL AND root_id = parent_id))
);
CREATE INDEX accounts_root ON accounts (root_id, id);

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  root_id       text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  prefix        text NOT NULL UNIQUE,
  key_sha256    bytea NOT NULL CHECK (length(key_sha256) = 32),
  remark        text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  deleted_at    timestamptz
);
CREATE INDEX api_keys_live_by_root ON api_keys (root_id) WHERE deleted_at IS NULL;
CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at, id);
