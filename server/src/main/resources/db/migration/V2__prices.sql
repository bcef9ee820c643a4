-- Prices are platform-wide, so these tables carry no root_id: every shard (or node) reads the
-- same small catalogue, which PriceCatalog caches in memory.

-- One row per version of a meter's price. The version itself is stored as the JSON document of
-- the HTTP API (PriceDocument), so that a version reads back equal to what was written and the
-- export is the stored text; mode and currency are copied out for queries and reports.
-- The version in force for (meter, t) is one index lookup on the primary key:
--   WHERE meter = :m AND effective_at <= :t ORDER BY effective_at DESC LIMIT 1
CREATE TABLE price_versions (
  meter         text NOT NULL CHECK (length(meter) BETWEEN 1 AND 200),
  effective_at  timestamptz NOT NULL,
  currency      text NOT NULL,
  mode          text NOT NULL CHECK (mode IN ('token', 'call', 'second', 'unit', 'free')),
  document      jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (meter, effective_at)
);

-- Per-call tool prices (0 = free). Not versioned: a change applies from the moment it is made.
CREATE TABLE tool_prices (
  name            text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
  per_call_nanos  bigint NOT NULL CHECK (per_call_nanos >= 0),
  updated_at      timestamptz NOT NULL
);

-- Multipliers as exact reduced fractions (0.8 = 4/5).
CREATE TABLE price_groups (
  id           text PRIMARY KEY,
  numerator    bigint NOT NULL CHECK (numerator > 0),
  denominator  bigint NOT NULL CHECK (denominator > 0),
  updated_at   timestamptz NOT NULL
);

CREATE TABLE service_tiers (
  name         text PRIMARY KEY,
  numerator    bigint NOT NULL CHECK (numerator > 0),
  denominator  bigint NOT NULL CHECK (denominator > 0),
  updated_at   timestamptz NOT NULL
);

ALTER TABLE accounts ADD COLUMN price_group text REFERENCES price_groups (id);

-- One counter, bumped in the transaction of every write to the four tables above. Each node
-- compares it with the revision its price cache was built from (see PriceCatalog).
CREATE TABLE prices_revision (
  id        smallint PRIMARY KEY CHECK (id = 1),
  revision  bigint NOT NULL
);
INSERT INTO prices_revision (id, revision) VALUES (1, 0);
