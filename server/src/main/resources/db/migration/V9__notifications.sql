-- Notifications: who hears about an outbox notice, how, and what became of each attempt.
-- outbox (V7) → notification_deliveries (one row per notice and channel) → webhook, e-mail, inbox.

-- A notice is fanned out to deliveries once; dispatched_at marks it done, so a notice whose
-- channels are all off is not looked at again.
ALTER TABLE outbox ADD COLUMN dispatched_at timestamptz;
CREATE INDEX outbox_undispatched ON outbox (id) WHERE dispatched_at IS NULL;

-- The platform's settings: one row. Thresholds are percent of a grant's amount (1..99), expiry
-- days are days before expires_at; the detector fires the lowest threshold / smallest day count
-- reached. webhook_secret signs every webhook (HMAC-SHA256) and is never returned by the API.
CREATE TABLE notification_settings (
  id                          smallint PRIMARY KEY CHECK (id = 1),
  webhook_enabled             boolean NOT NULL,
  email_enabled               boolean NOT NULL,
  inbox_enabled               boolean NOT NULL,
  credit_thresholds_percent   integer[] NOT NULL,
  expiry_days                 integer[] NOT NULL,
  low_wallet_threshold_nanos  bigint,  -- null: no low-wallet notices
  webhook_url                 text,
  webhook_secret              text,
  email_from                  text,
  email_recipients            text[] NOT NULL,  -- operator copies when an account names none
  updated_at                  timestamptz NOT NULL
);
-- Seed 000: 10 %, 5 %, 1 % remaining and 7, 5, 3, 1 days before expiry. Only the inbox is on
-- until an operator configures a webhook or e-mail.
INSERT INTO notification_settings (id, webhook_enabled, email_enabled, inbox_enabled, credit_thresholds_percent,
                                   expiry_days, email_recipients, updated_at)
VALUES (1, false, false, true, '{10,5,1}', '{7,5,3,1}', '{}', now());

-- An account's overrides; null everywhere means "the platform's".
CREATE TABLE account_notification_settings (
  root_id                     text NOT NULL,
  account_id                  text NOT NULL REFERENCES accounts (id),
  webhook_enabled             boolean,
  email_enabled               boolean,
  inbox_enabled               boolean,
  credit_thresholds_percent   integer[],
  expiry_days                 integer[],
  low_wallet_threshold_nanos  bigint,
  webhook_url                 text,
  webhook_secret              text,
  email_recipients            text[],
  updated_at                  timestamptz NOT NULL,
  PRIMARY KEY (root_id, account_id)
);
CREATE UNIQUE INDEX account_notification_settings_account ON account_notification_settings (account_id);

-- The delivery log: one row per notice and channel. pending → sent, or failed (retried at
-- next_attempt_at) → … → dead after the last attempt. A claimed row's next_attempt_at is pushed
-- out by a lease, so a second node skips it and a node that died mid-send is retried later.
CREATE TABLE notification_deliveries (
  id                bigserial PRIMARY KEY,
  root_id           text NOT NULL,
  account_id        text NOT NULL,
  outbox_id         bigint NOT NULL REFERENCES outbox (id),
  channel           text NOT NULL CHECK (channel IN ('webhook', 'email', 'inbox')),
  target            text NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
  attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at   timestamptz,
  last_error        text,
  last_status_code  integer,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  UNIQUE (outbox_id, channel),
  CHECK ((status IN ('pending', 'failed')) = (next_attempt_at IS NOT NULL))
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
  WHERE status IN ('pending', 'failed');
CREATE INDEX notification_deliveries_by_account ON notification_deliveries (root_id, account_id, id);

-- The in-app inbox: a notice shown to its account until read.
CREATE TABLE notification_inbox (
  root_id     text NOT NULL,
  account_id  text NOT NULL,
  outbox_id   bigint NOT NULL REFERENCES outbox (id),
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  PRIMARY KEY (root_id, account_id, outbox_id)
);
CREATE INDEX notification_inbox_by_account ON notification_inbox (account_id, outbox_id);

-- Wallets below their low-wallet threshold: a row is inserted when a wallet first goes below
-- (that insert fires the notice, keyed by crossed_at) and deleted when it is back at or above,
-- so the next crossing is a new notice.
CREATE TABLE notification_low_wallets (
  root_id     text NOT NULL,
  account_id  text NOT NULL,
  crossed_at  timestamptz NOT NULL,
  PRIMARY KEY (root_id, account_id)
);
