-- Redemption codes (issue 7, seed 003) and payment orders (Stripe, EPay).
--
-- Codes are platform-wide reference data (an operator's promotion, not an account's data), so
-- redemption_codes has no root_id; a redemption is account data and carries it first in its key.
-- The code itself is never stored: only its SHA-256 (the lookup key) and its first group (the
-- prefix people see in lists and search by).

CREATE TABLE redemption_codes (
  id                 text PRIMARY KEY,
  batch_id           text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('balance', 'plan', 'package')),
  amount_nanos       bigint CHECK (amount_nanos > 0),
  currency           text,
  plan_id            text,
  package_id         text,
  days               integer CHECK (days > 0),
  max_redemptions    integer NOT NULL CHECK (max_redemptions > 0),
  per_account_limit  integer NOT NULL CHECK (per_account_limit > 0),
  -- A cache of count(code_redemptions), written under the code's row lock with each redemption;
  -- the CHECK refuses a redemption past the total even if the application check were wrong.
  redeemed_count     integer NOT NULL DEFAULT 0 CHECK (redeemed_count >= 0 AND redeemed_count <= max_redemptions),
  expires_at         timestamptz,
  description        text NOT NULL DEFAULT '',
  prefix             text NOT NULL,
  code_sha256        bytea NOT NULL UNIQUE,
  enabled            boolean NOT NULL DEFAULT true,
  deleted_at         timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((kind = 'balance') = (amount_nanos IS NOT NULL AND currency IS NOT NULL)),
  CHECK ((kind = 'plan') = (plan_id IS NOT NULL AND days IS NOT NULL)),
  CHECK ((kind = 'package') = (package_id IS NOT NULL))
);
CREATE INDEX redemption_codes_by_time ON redemption_codes (created_at, id);
CREATE INDEX redemption_codes_by_batch ON redemption_codes (batch_id, created_at, id);

CREATE TABLE code_redemptions (
  root_id       text NOT NULL,
  id            text NOT NULL,
  code_id       text NOT NULL REFERENCES redemption_codes (id),
  account_id    text NOT NULL REFERENCES accounts (id),
  kind          text NOT NULL,
  amount_nanos  bigint,
  currency      text,
  entry_id      text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (root_id, id)
);
CREATE INDEX code_redemptions_by_code ON code_redemptions (code_id, created_at, id);
CREATE INDEX code_redemptions_by_code_account ON code_redemptions (code_id, account_id);

-- Failed redemption attempts, for the brute-force throttle: one row per failure per subject
-- (account:{id}, address:{ip}). In PostgreSQL so that the limit holds across nodes.
CREATE TABLE redeem_failures (
  subject       text NOT NULL,
  failed_at     timestamptz NOT NULL
);
CREATE INDEX redeem_failures_by_subject ON redeem_failures (subject, failed_at);

-- Payment settings: one row. Secrets are AES-256-GCM ciphertexts (nonce || ciphertext || tag)
-- under TOLLGATE_SECRETS_KEY; their last four characters are kept in clear for the API to show.
CREATE TABLE payment_settings (
  id                           integer PRIMARY KEY CHECK (id = 1),
  stripe_enabled               boolean NOT NULL DEFAULT false,
  epay_enabled                 boolean NOT NULL DEFAULT false,
  stripe_secret_key_enc        bytea,
  stripe_secret_key_last4      text,
  stripe_webhook_secret_enc    bytea,
  stripe_webhook_secret_last4  text,
  epay_gateway_url             text,
  epay_merchant_id             text,
  epay_key_enc                 bytea,
  epay_key_last4               text,
  public_base_url              text,
  -- Exact: CNY per 1 USD, e.g. 7.1234.
  usd_cny_rate                 numeric(20, 9) NOT NULL DEFAULT 7.2 CHECK (usd_cny_rate > 0),
  updated_at                   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO payment_settings (id) VALUES (1);

CREATE TABLE payment_orders (
  root_id           text NOT NULL,
  id                text NOT NULL,
  account_id        text NOT NULL REFERENCES accounts (id),
  kind              text NOT NULL CHECK (kind IN ('topup', 'plan')),
  provider          text NOT NULL CHECK (provider IN ('stripe', 'epay')),
  status            text NOT NULL CHECK (status IN ('created', 'paid', 'credited', 'failed', 'refunded')),
  -- What the wallet receives, in the account's currency.
  amount_nanos      bigint NOT NULL CHECK (amount_nanos > 0),
  currency          text NOT NULL,
  -- What the customer pays, and the USD→CNY rate fixed when the order was made (null: no conversion).
  pay_amount_nanos  bigint NOT NULL CHECK (pay_amount_nanos > 0),
  pay_currency      text NOT NULL,
  usd_cny_rate      numeric(20, 9),
  provider_ref      text,
  pay_url           text,
  idempotency_key   text,
  request_digest    text NOT NULL,
  entry_id          text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (root_id, id)
);
-- Providers name an order by its id alone (metadata.orderId, out_trade_no).
CREATE UNIQUE INDEX payment_orders_id ON payment_orders (id);
CREATE UNIQUE INDEX payment_orders_key ON payment_orders (root_id, account_id, idempotency_key);

-- Each provider event is handled at most once: the key is the provider's own event id.
CREATE TABLE provider_events (
  provider     text NOT NULL,
  event_id     text NOT NULL,
  root_id      text NOT NULL,
  order_id     text NOT NULL,
  type         text NOT NULL,
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (provider, event_id)
);

-- The audit trail of an order: its creation, every verified provider event (with its outcome)
-- and every status transition.
CREATE TABLE order_events (
  root_id            text NOT NULL,
  order_id           text NOT NULL,
  seq                bigint GENERATED ALWAYS AS IDENTITY,
  kind               text NOT NULL,
  provider_event_id  text,
  signature          text,
  from_status        text,
  to_status          text,
  detail             text NOT NULL DEFAULT '',
  at                 timestamptz NOT NULL,
  PRIMARY KEY (root_id, order_id, seq)
);
