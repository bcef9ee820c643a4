-- The hot path: holds placed by authorise, usage records written by settle.
-- Both are keyed by root_id first so a sharded PostgreSQL keeps one family on one shard, and
-- both are idempotent by (root_id, request_id): a gateway's request id names one call.

CREATE TABLE billing_settings (
  id                    smallint PRIMARY KEY CHECK (id = 1),
  billing_mode          text NOT NULL DEFAULT 'usage' CHECK (billing_mode IN ('self', 'period', 'usage')),
  prepaid_amount_nanos  bigint NOT NULL DEFAULT 0 CHECK (prepaid_amount_nanos >= 0),
  hold_timeout_ms       bigint NOT NULL DEFAULT 600000 CHECK (hold_timeout_ms BETWEEN 1000 AND 86400000),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
INSERT INTO billing_settings (id) VALUES (1);

-- Per-account overrides of the platform's billing settings; null = the platform's.
ALTER TABLE accounts
  ADD COLUMN billing_mode text CHECK (billing_mode IN ('self', 'period', 'usage')),
  ADD COLUMN prepaid_amount_nanos bigint CHECK (prepaid_amount_nanos >= 0);

CREATE TABLE holds (
  id             text NOT NULL,
  root_id        text NOT NULL,
  account_id     text NOT NULL,
  request_id     text NOT NULL,
  meter          text NOT NULL,
  api_key_id     text,
  amount_nanos   bigint NOT NULL CHECK (amount_nanos >= 0),
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  released_at    timestamptz,
  PRIMARY KEY (root_id, id),
  UNIQUE (root_id, request_id)
);
-- Live holds of a family: what authorise sums (credit) and counts (concurrency).
CREATE INDEX holds_live ON holds (root_id, meter, expires_at) WHERE released_at IS NULL;
CREATE UNIQUE INDEX holds_by_id ON holds (id);

CREATE TABLE usage_records (
  id                  text NOT NULL,
  root_id             text NOT NULL,
  account_id          text NOT NULL,
  request_id          text NOT NULL,
  api_key_id          text,
  meter               text NOT NULL,
  status              text NOT NULL CHECK (status IN ('success', 'failed')),
  billing_mode        text NOT NULL,
  occurred_at         timestamptz NOT NULL,
  recorded_at         timestamptz NOT NULL,
  route               text,
  latency_ms          bigint,
  input_tokens        bigint NOT NULL DEFAULT 0,
  output_tokens       bigint NOT NULL DEFAULT 0,
  cache_read_tokens   bigint NOT NULL DEFAULT 0,
  cache_write_tokens  bigint NOT NULL DEFAULT 0,
  reasoning_tokens    bigint NOT NULL DEFAULT 0,
  calls               bigint NOT NULL DEFAULT 0,
  seconds             bigint NOT NULL DEFAULT 0,
  units               bigint NOT NULL DEFAULT 0,
  billable_units      bigint NOT NULL DEFAULT 0,
  amount_nanos        bigint NOT NULL,
  postpaid_nanos      bigint NOT NULL DEFAULT 0,
  postpaid_units      bigint NOT NULL DEFAULT 0,
  currency            text NOT NULL,
  snapshot            jsonb,
  response            text NOT NULL,
  PRIMARY KEY (root_id, id),
  UNIQUE (root_id, request_id)
);
CREATE INDEX usage_by_account_time ON usage_records (root_id, account_id, occurred_at, id);
CREATE INDEX usage_by_key_time ON usage_records (api_key_id, occurred_at) WHERE api_key_id IS NOT NULL;
CREATE INDEX usage_by_meter_time ON usage_records (meter, occurred_at);
