-- The credit ledger: an append-only double-entry journal, the grants it issues into, and the
-- wallets it moves money through. The journal is the truth; grants.remaining and
-- wallets.balance_nanos are caches of it, written in the same transaction as the postings and
-- proved equal by GET /v1/ledger/reconciliation.
--
-- Every table carries root_id (the account family's root) and puts it first in keys, so a Citus
-- deployment can shard by it and every statement of one family stays on one shard.

CREATE TABLE journal_entries (
  root_id      text NOT NULL,
  id           text NOT NULL,
  -- The account the movement is booked for (the grant's or the wallet's owner).
  account_id   text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('grant_issued', 'usage', 'refund', 'expiry', 'topup',
                                             'wallet_debit', 'bill_payment', 'correction')),
  occurred_at  timestamptz NOT NULL,
  reference    text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (root_id, id)
);
-- The operator's ledger view pages a family's entries newest first.
CREATE INDEX journal_entries_by_time ON journal_entries (root_id, created_at DESC, id DESC);

CREATE TABLE postings (
  root_id         text NOT NULL,
  entry_id        text NOT NULL,
  seq             integer NOT NULL CHECK (seq >= 0),
  ledger_account  text NOT NULL,
  unit            text NOT NULL,
  amount          bigint NOT NULL CHECK (amount <> 0),
  -- The customer account that owns ledger_account (grant:, wallet:, postpaid:); null for the
  -- platform's own accounts (usage:, grant_funding:, adjustment:, …). Lets the ledger view find
  -- an allocation in both the member's and the root's history without a second index.
  account_id      text,
  PRIMARY KEY (root_id, entry_id, seq),
  FOREIGN KEY (root_id, entry_id) REFERENCES journal_entries (root_id, id)
);

-- Append-only: corrections are new entries, never edits.
CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the journal is append-only: % on % is refused; post a correction instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON postings
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

-- Zero-sum, checked again by the database (the first check is JournalEntry's constructor).
-- One statement-level trigger reads the statement's rows from a transition table and groups them
-- once, so a batch of hundreds of entries costs one aggregate, not a trigger call per row.
-- PostgreSQL allows transition tables only on plain (not CONSTRAINT, i.e. not deferrable)
-- triggers, so the check runs at the end of the INSERT statement. Hence the rule: ALL POSTINGS OF
-- AN ENTRY GO IN ONE INSERT STATEMENT (JournalStore writes every posting of a batch in one).
CREATE FUNCTION postings_refuse_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.entry_id, n.unit, sum(n.amount) AS total INTO bad
    FROM new_postings n
   GROUP BY n.root_id, n.entry_id, n.unit
  HAVING sum(n.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not sum to zero in %: %', bad.entry_id, bad.unit, bad.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER postings_balanced AFTER INSERT ON postings
  REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION postings_refuse_unbalanced();

CREATE TABLE grants (
  root_id           text NOT NULL,
  id                text NOT NULL,
  account_id        text NOT NULL REFERENCES accounts (id),
  class             text NOT NULL CHECK (class IN ('allocation', 'free', 'trial', 'edition', 'prepaid', 'promo')),
  denomination      text NOT NULL CHECK (denomination IN ('money', 'units')),
  -- The ledger unit: the account currency, or 'units:{meter}' for a units grant.
  unit              text NOT NULL,
  meters            text[] CHECK (meters IS NULL OR cardinality(meters) > 0),  -- null: every meter
  effective_at      timestamptz NOT NULL,
  expires_at        timestamptz CHECK (expires_at IS NULL OR expires_at > effective_at),
  priority          integer NOT NULL,
  created_at        timestamptz NOT NULL,
  amount            bigint NOT NULL CHECK (amount > 0),
  -- Cache of the sum of postings on 'grant:{id}'.
  remaining         bigint NOT NULL,
  requires_edition  boolean NOT NULL DEFAULT false,
  voided_at         timestamptz,
  -- The ledger account that funded it: grant_funding:{class}, or wallet:{rootId} for an allocation.
  funded_by         text NOT NULL,
  source_kind       text NOT NULL,  -- operator, purchase, code, …
  source_id         text,
  idempotency_key   text,
  request_digest    text,
  PRIMARY KEY (root_id, id),
  CHECK (remaining >= 0 AND remaining <= amount),
  CHECK (denomination = 'money' OR cardinality(meters) = 1)
);
CREATE UNIQUE INDEX grants_idempotency ON grants (root_id, account_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX grants_by_account ON grants (root_id, account_id, created_at, id);

CREATE TABLE wallets (
  root_id        text NOT NULL,
  -- The key is (root_id, account_id) for sharding; account_id alone is unique as well, since an
  -- account belongs to exactly one root.
  account_id     text NOT NULL REFERENCES accounts (id),
  currency       text NOT NULL,
  -- Cache of the sum of postings on 'wallet:{account_id}'; negative is a debt.
  balance_nanos  bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (root_id, account_id)
);

-- Operator credits and debits of a wallet, kept for idempotency and to answer a retry with the
-- first result.
CREATE TABLE wallet_movements (
  root_id          text NOT NULL,
  id               text NOT NULL,
  account_id       text NOT NULL REFERENCES accounts (id),
  direction        text NOT NULL CHECK (direction IN ('credit', 'debit')),
  amount_nanos     bigint NOT NULL CHECK (amount_nanos > 0),
  reason           text NOT NULL,
  idempotency_key  text NOT NULL,
  request_digest   text NOT NULL,
  entry_id         text NOT NULL,
  balance_nanos    bigint NOT NULL,  -- the wallet balance right after this movement
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (root_id, id),
  UNIQUE (root_id, account_id, idempotency_key)
);
