-- Issue 6: period allowances, automatic renewal (seeds 000, 003).

-- An edition's monthly allowance is copied at purchase (a package change applies to later
-- purchases), and the period-allowances job keeps its place: how many periods were issued and when
-- the next one starts (a filter for the job; the job recomputes the start on the account's calendar).
ALTER TABLE editions ADD COLUMN monthly_allowance bigint CHECK (monthly_allowance > 0);
UPDATE editions e SET monthly_allowance = p.monthly_allowance FROM packages p WHERE p.id = e.package_id;
ALTER TABLE editions ALTER COLUMN monthly_allowance SET NOT NULL;
-- The purchase issues period 0; the job issues 1, 2, ... once each.
ALTER TABLE editions ADD COLUMN allowances_issued integer NOT NULL DEFAULT 1 CHECK (allowances_issued >= 1);
ALTER TABLE editions ADD COLUMN next_allowance_at timestamptz;
UPDATE editions e SET next_allowance_at = ((e.effective_at AT TIME ZONE a.timezone) + interval '1 month') AT TIME ZONE a.timezone
  FROM accounts a WHERE a.id = e.account_id;
ALTER TABLE editions ALTER COLUMN next_allowance_at SET NOT NULL;
CREATE INDEX editions_allowance_due ON editions (next_allowance_at) WHERE voided_at IS NULL;

-- Automatic renewals that the wallet could not pay: one row per purchase and expiry, so the
-- auto-renew job tries each expiry once and a notice is sent once; a manual renewal still works.
CREATE TABLE auto_renewal_failures (
  root_id     text NOT NULL,
  purchase_id text NOT NULL,
  expires_at  timestamptz NOT NULL,  -- the expiry the renewal was for
  account_id  text NOT NULL REFERENCES accounts (id),
  code        text NOT NULL,         -- the refusal's code, e.g. insufficient_credit
  failed_at   timestamptz NOT NULL,
  PRIMARY KEY (root_id, purchase_id, expires_at)
);
CREATE INDEX purchases_auto_renew ON purchases (expires_at) WHERE auto_renew AND status = 'active';

-- Seed 003's subscription plans are edition packages (kind edition: rank, monthly allowance = the
-- period credit, validity = the interval); this table holds what only a plan has. Catalog data,
-- like packages: no root_id.
CREATE TABLE plans (
  id             text PRIMARY KEY REFERENCES packages (id),
  description    text NOT NULL,
  plan_interval  text NOT NULL CHECK (plan_interval IN ('monthly', 'yearly', 'lifetime')),
  -- A multiplier on usage prices for subscribers (1 = none), an exact decimal in (0, 1].
  discount       numeric(10, 9) NOT NULL CHECK (discount > 0 AND discount <= 1),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
