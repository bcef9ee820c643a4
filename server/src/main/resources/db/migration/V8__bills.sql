-- Monthly bills (seed 004) and hourly postpaid deduction (seed 002).
--
-- A bill prices one account's postpaid usage of one month (in the account's time zone) with each
-- meter's monthly tiers. UNIQUE (account_id, month) is what makes generation idempotent: the API
-- and the job share one code path that inserts with ON CONFLICT DO NOTHING under the account's
-- row lock, so a second run, or a second node, finds the bill and writes nothing.
CREATE TABLE bills (
  root_id              text NOT NULL,
  account_id           text NOT NULL REFERENCES accounts (id),
  month                text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  currency             text NOT NULL,
  timezone             text NOT NULL,
  period_start         timestamptz NOT NULL,
  period_end           timestamptz NOT NULL CHECK (period_end > period_start),
  -- [{meter, tier?, units, unitPriceNanos?, flatFeeNanos, amountNanos, accruedNanos?}], nanos as numbers.
  lines                jsonb NOT NULL,
  -- What the month's calls booked at their list price (the receivable before the bill).
  accrued_nanos        bigint NOT NULL,
  total_nanos          bigint NOT NULL CHECK (total_nanos >= 0),
  -- The total rounded half-up once to the currency's minor unit: what the customer owes.
  total_rounded_nanos  bigint NOT NULL CHECK (total_rounded_nanos >= 0),
  -- Already taken from the wallet by the hourly deduction; due = total_rounded - deducted (>= 0).
  deducted_nanos       bigint NOT NULL DEFAULT 0 CHECK (deducted_nanos >= 0),
  due_nanos            bigint NOT NULL CHECK (due_nanos >= 0),
  status               text NOT NULL CHECK (status IN ('open', 'paid', 'overdue')),
  entry_id             text,
  issued_at            timestamptz NOT NULL,
  due_at               timestamptz NOT NULL,
  paid_at              timestamptz,
  payment_source       text,
  payment_entry_id     text,
  payment_reference    text,
  PRIMARY KEY (root_id, account_id, month),
  UNIQUE (account_id, month),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
-- An account's bills, newest first.
CREATE INDEX bills_by_account ON bills (root_id, account_id, month DESC);
-- The overdue sweep looks at open bills by due time.
CREATE INDEX bills_open_by_due ON bills (due_at) WHERE status = 'open';

-- Set while the account has an overdue bill; authorise refuses it (403 account_overdue) and its
-- grants show invalid. Cleared when the last overdue bill is paid.
ALTER TABLE accounts ADD COLUMN overdue_since timestamptz;

-- Platform settings: days between a bill's issue and its due time, and how postpaid is settled:
-- monthly (the bill is paid as a whole) or hourly (seed 002: deducted from the wallet each hour).
ALTER TABLE billing_settings
  ADD COLUMN bill_grace_days integer NOT NULL DEFAULT 15 CHECK (bill_grace_days BETWEEN 0 AND 365),
  ADD COLUMN postpaid_settlement text NOT NULL DEFAULT 'monthly' CHECK (postpaid_settlement IN ('monthly', 'hourly'));

-- When the hourly deduction took this call's postpaid amount from the wallet; null = not (yet).
-- Nullable without a default: adding it rewrites nothing.
ALTER TABLE usage_records ADD COLUMN deducted_at timestamptz;
-- The bill job and the hourly deduction read postpaid calls only, by time; most calls are not
-- postpaid, so the partial index stays small and costs non-postpaid settles nothing.
CREATE INDEX usage_postpaid_by_time ON usage_records (occurred_at, account_id)
  WHERE postpaid_nanos > 0 OR postpaid_units > 0;

-- One row per hour the hourly deduction ran for: the claim that makes it run once per hour across
-- nodes (INSERT … ON CONFLICT DO NOTHING; the loser of a race deducts nothing). Platform-wide,
-- like billing_settings.
CREATE TABLE postpaid_deduction_runs (
  hour_end  timestamptz PRIMARY KEY,
  ran_at    timestamptz NOT NULL
);
