-- Every settled call updates one row in each of these tables: its quarter-hour rollup, its wallet
-- or the grants it burns. PostgreSQL can write the new version of a row without touching any index
-- (a heap-only tuple) only when it fits on the same page; with full pages (fillfactor 100) three
-- updates in four of usage_rollups went to another page and added an entry to each of its three
-- indexes: 5.7 WAL records and 31.6 µs a settled event against 2.1 and 8.9 µs with room
-- (BENCHMARKS.md, run 20). The space left free is reused by the next versions, not grown.
-- Existing pages keep their rows; pages written from now on leave the room.
ALTER TABLE usage_rollups SET (fillfactor = 50);
ALTER TABLE wallets SET (fillfactor = 50);
ALTER TABLE grants SET (fillfactor = 50);
