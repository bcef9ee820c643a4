package dev.tollgate.server.usage;

import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Repository;

/**
 * Quarter-hour totals of the usage records per account, meter and API key ({@code usage_rollups}),
 * written by the settle batch in its transaction: one upsert per batch whatever its size. The
 * rows of an account are only written under that account's row lock, so two writers never wait
 * on each other here, and sorted keys keep one statement's row locks in a fixed order.
 */
@Repository
class UsageRollups {
  /** Every time zone offset in use is a whole number of quarter hours: a bucket is within one local day. */
  static final Duration BUCKET = Duration.ofMinutes(15);

  private record Key(String rootId, String accountId, Instant bucketStart, String meter, String apiKeyId)
      implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = rootId.compareTo(o.rootId);
      c = c != 0 ? c : accountId.compareTo(o.accountId);
      c = c != 0 ? c : bucketStart.compareTo(o.bucketStart);
      c = c != 0 ? c : meter.compareTo(o.meter);
      return c != 0 ? c : apiKeyId.compareTo(o.apiKeyId);
    }
  }

  /** Running totals of one bucket: calls, failed, billable units, four token counts, amount, postpaid. */
  private static final class Totals {
    final long[] sums = new long[9];

    void add(UsageStore.UsageRow r) {
      sums[r.success() ? 0 : 1]++;
      sums[2] = Math.addExact(sums[2], r.billableUnits());
      sums[3] = Math.addExact(sums[3], r.inputTokens());
      sums[4] = Math.addExact(sums[4], r.outputTokens());
      sums[5] = Math.addExact(sums[5], r.cacheReadTokens());
      sums[6] = Math.addExact(sums[6], r.cacheWriteTokens());
      sums[7] = Math.addExact(sums[7], r.amountNanos());
      sums[8] = Math.addExact(sums[8], r.postpaidNanos());
    }
  }

  static Instant bucketOf(Instant t) {
    long size = BUCKET.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), size) * size);
  }

  /** Adds the batch's new usage records to their buckets (one upsert, added to the batch's writes). */
  void add(Flight writes, List<UsageStore.UsageRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Map<Key, Totals> buckets = new TreeMap<>();
    for (UsageStore.UsageRow r : rows) {
      Key key = new Key(r.rootId(), r.accountId(), bucketOf(r.occurredAt()), r.meter(),
          r.apiKeyId() == null ? "" : r.apiKeyId());
      buckets.computeIfAbsent(key, k -> new Totals()).add(r);
    }
    int n = buckets.size();
    String[] roots = new String[n], accounts = new String[n], meters = new String[n];
    long[] starts = new long[n];
    String[] keys = new String[n];
    long[][] columns = new long[9][n];
    int i = 0;
    for (Map.Entry<Key, Totals> e : buckets.entrySet()) {
      roots[i] = e.getKey().rootId();
      accounts[i] = e.getKey().accountId();
      starts[i] = SqlTime.epochMicros(e.getKey().bucketStart());
      meters[i] = e.getKey().meter();
      keys[i] = e.getKey().apiKeyId();
      for (int c = 0; c < 9; c++) {
        columns[c][i] = e.getValue().sums[c];
      }
      i++;
    }
    List<Object> params = new ArrayList<>(List.of(roots, accounts, starts, meters, keys));
    params.addAll(List.of((Object[]) columns));
    writes.update("""
            INSERT INTO usage_rollups AS u (root_id, account_id, bucket_start, meter, api_key_id, calls, failed,
                billable_units, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, amount_nanos,
                postpaid_nanos)
            SELECT r, a, (timestamptz 'epoch' + b * interval '1 microsecond'), m, k, c, f, bu, i1, i2, i3, i4, am, pp
              FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                          ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                AS t(r, a, b, m, k, c, f, bu, i1, i2, i3, i4, am, pp)
            ON CONFLICT (root_id, account_id, bucket_start, meter, api_key_id) DO UPDATE SET
              calls = u.calls + EXCLUDED.calls, failed = u.failed + EXCLUDED.failed,
              billable_units = u.billable_units + EXCLUDED.billable_units,
              input_tokens = u.input_tokens + EXCLUDED.input_tokens,
              output_tokens = u.output_tokens + EXCLUDED.output_tokens,
              cache_read_tokens = u.cache_read_tokens + EXCLUDED.cache_read_tokens,
              cache_write_tokens = u.cache_write_tokens + EXCLUDED.cache_write_tokens,
              amount_nanos = u.amount_nanos + EXCLUDED.amount_nanos,
              postpaid_nanos = u.postpaid_nanos + EXCLUDED.postpaid_nanos""", params.toArray());
  }

  /** The whole buckets inside {@code [from, to)}: {@code [alignedFrom, alignedTo)}; empty when there are none. */
  record Split(Instant alignedFrom, Instant alignedTo) {
    static Split of(Instant from, Instant toExclusive) {
      Instant start = bucketOf(from);
      Instant alignedFrom = start.equals(from) ? from : start.plus(BUCKET);
      Instant alignedTo = bucketOf(toExclusive);
      if (!alignedFrom.isBefore(alignedTo)) {
        // No whole bucket: everything comes from the records.
        return new Split(toExclusive, toExclusive);
      }
      return new Split(alignedFrom, alignedTo);
    }
  }
}
