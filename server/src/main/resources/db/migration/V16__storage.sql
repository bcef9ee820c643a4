-- Issue 6 item 4 (seed 000): knowledge-base capacity.

-- The storage units (e.g. MB of knowledge base) an edition grants while it is in effect; null: none.
ALTER TABLE packages ADD COLUMN storage_capacity bigint
  CHECK (storage_capacity IS NULL OR (storage_capacity >= 0 AND kind = 'edition'));

-- What the gateway last reported an account's knowledge base uses, and where the excess stands:
-- over_since = when usage was first seen above capacity (null: within capacity);
-- invalid_since = over_since + the grace, once passed (the excess is "excess invalid").
CREATE TABLE storage_usage (
  root_id       text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  used_units    bigint NOT NULL CHECK (used_units >= 0),
  over_since    timestamptz,
  invalid_since timestamptz CHECK (invalid_since IS NULL OR over_since IS NOT NULL),
  reported_at   timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (root_id, account_id)
);
CREATE UNIQUE INDEX storage_usage_account ON storage_usage (account_id);
