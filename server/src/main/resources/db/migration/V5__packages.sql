-- Packages (seeds 000, 002, 004): the operator's catalog, the purchases accounts make from their
-- wallet, the editions and concurrency packages those purchases hold. Credit a purchase gives is a
-- grant (V3) with source_kind 'purchase' and source_id = the purchase id.

-- Purchases pay from the wallet into sales:{kind} and are refunded back (core ledger README).
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_kind_check;
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_kind_check
  CHECK (kind IN ('grant_issued', 'usage', 'refund', 'expiry', 'topup', 'wallet_debit', 'bill_payment',
                  'correction', 'purchase', 'purchase_refund'));

-- The rank of the edition whose allowance a grant is; null for every other grant. Only the
-- highest-ranked valid allowance pays (core EditionPrecedence).
ALTER TABLE grants ADD COLUMN edition_rank integer CHECK (edition_rank IS NULL OR class = 'edition');

-- The catalog is the operator's, not an account's: no root_id.
CREATE TABLE packages (
  id                 text PRIMARY KEY,
  name               text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('prepaid', 'edition', 'addon', 'concurrency')),
  meters             text[] CHECK (meters IS NULL OR cardinality(meters) > 0),  -- null: every meter
  denomination       text CHECK (denomination IN ('money', 'units')),
  -- Credit per package (prepaid, addon); an edition's credit is its monthly allowance.
  amount             bigint CHECK (amount > 0),
  monthly_allowance  bigint CHECK (monthly_allowance > 0),
  price_nanos        bigint NOT NULL CHECK (price_nanos >= 0),
  currency           text NOT NULL,
  validity           text NOT NULL,  -- ISO-8601 period, e.g. P1Y
  refundable_days    integer NOT NULL CHECK (refundable_days BETWEEN 0 AND 366),
  rank               integer CHECK (rank >= 0),
  concurrency        integer CHECK (concurrency > 0),
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((kind = 'edition') = (rank IS NOT NULL AND monthly_allowance IS NOT NULL)),
  CHECK ((kind = 'concurrency') = (concurrency IS NOT NULL)),
  CHECK ((kind IN ('prepaid', 'addon')) = (amount IS NOT NULL)),
  CHECK (kind = 'concurrency' OR denomination IS NOT NULL),
  CHECK (kind <> 'concurrency' OR meters IS NOT NULL)
);

CREATE TABLE purchases (
  root_id          text NOT NULL,
  id               text NOT NULL,
  account_id       text NOT NULL REFERENCES accounts (id),
  package_id       text NOT NULL REFERENCES packages (id),
  kind             text NOT NULL CHECK (kind IN ('prepaid', 'edition', 'addon', 'concurrency')),
  -- What this purchase did: a new package, a renewal of an earlier purchase, an edition upgrade.
  purpose          text NOT NULL CHECK (purpose IN ('purchase', 'renewal', 'upgrade')),
  renews_id        text,
  quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  amount_nanos     bigint NOT NULL CHECK (amount_nanos >= 0),  -- the price paid from the wallet
  currency         text NOT NULL,
  refundable_days  integer NOT NULL,  -- the package's, at purchase; 0 for renewals and upgrades
  grant_ids        text[] NOT NULL,
  idempotency_key  text NOT NULL,
  request_digest   text NOT NULL,
  purchased_at     timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('active', 'refunded')),
  refunded_at      timestamptz CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
  -- Whether the renewal scheduler (issue 6) renews it at expiry.
  auto_renew       boolean NOT NULL DEFAULT false,
  PRIMARY KEY (root_id, id)
);
CREATE UNIQUE INDEX purchases_idempotency ON purchases (root_id, account_id, idempotency_key);
CREATE INDEX purchases_by_account ON purchases (root_id, account_id, purchased_at, id);

-- The editions an account holds; the effective one is the highest valid (core EditionRules).
CREATE TABLE editions (
  root_id       text NOT NULL,
  id            text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  package_id    text NOT NULL REFERENCES packages (id),
  purchase_id   text NOT NULL,
  rank          integer NOT NULL,
  effective_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL CHECK (expires_at > effective_at),
  voided_at     timestamptz,
  PRIMARY KEY (root_id, id)
);
CREATE INDEX editions_by_account ON editions (root_id, account_id, expires_at);

-- Extra concurrent calls for a family (seed 004: "shared by the root account and sub-accounts").
CREATE TABLE concurrency_packages (
  root_id       text NOT NULL,
  id            text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (id),
  package_id    text NOT NULL REFERENCES packages (id),
  purchase_id   text NOT NULL,
  meters        text[] NOT NULL CHECK (cardinality(meters) > 0),
  slots         integer NOT NULL CHECK (slots > 0),
  effective_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL CHECK (expires_at > effective_at),
  voided_at     timestamptz,
  PRIMARY KEY (root_id, id)
);
CREATE INDEX concurrency_packages_live ON concurrency_packages (root_id, expires_at) WHERE voided_at IS NULL;
CREATE INDEX purchases_by_id ON purchases (id);
