-- The notification outbox: what happened that someone should hear about, written in the same
-- transaction as the change itself, so a notice is never lost nor sent for a change that rolled
-- back. dedupe_key makes each notice happen once (per grant, threshold and period; per bill; …).
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  root_id      text NOT NULL,
  account_id   text NOT NULL,
  kind         text NOT NULL,
  dedupe_key   text NOT NULL,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  UNIQUE (dedupe_key)
);
CREATE INDEX outbox_by_account ON outbox (root_id, account_id, id);
