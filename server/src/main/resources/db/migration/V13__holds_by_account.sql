-- Authorise sums the live holds of the accounts in its batch; without an index leading with the
-- account that was a scan of every live hold per batch, growing with traffic (BENCHMARKS.md).
CREATE INDEX holds_live_by_account ON holds (account_id) INCLUDE (amount_nanos, expires_at) WHERE released_at IS NULL;
