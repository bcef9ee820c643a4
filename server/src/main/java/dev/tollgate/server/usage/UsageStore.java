package dev.tollgate.server.usage;

import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;

/** Usage records: the settled calls, each with its price snapshot and its first answer. */
@Repository
class UsageStore {
  /**
   * The stored answers of requests already settled, by request; one query for a whole batch. One
   * unique-index probe per request (LATERAL … LIMIT 1): a plain join lets a plan made while the
   * table was small (a fresh install) hash-join over a sequential scan until the next ANALYZE.
   */
  Flight.Answer<Map<RequestKey, String>> answers(Flight flight, List<RequestKey> keys) {
    if (keys.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("""
            SELECT k.r AS root_id, k.q AS request_id, u.response
              FROM unnest(?::text[], ?::text[]) AS k(r, q)
             CROSS JOIN LATERAL (SELECT response FROM usage_records
                                  WHERE root_id = k.r AND request_id = k.q LIMIT 1) u""",
        rs -> {
          Map<RequestKey, String> found = new HashMap<>();
          while (rs.next()) {
            found.put(new RequestKey(rs.getString("root_id"), rs.getString("request_id")), rs.getString("response"));
          }
          return found;
        }, CallStore.roots(keys), CallStore.requestIds(keys));
  }

  /** A settled call as stored. */
  record UsageRow(
      String id, String rootId, String accountId, String requestId, String apiKeyId, String meter, boolean success,
      String billingMode, Instant occurredAt, String route, Long latencyMs, long inputTokens, long outputTokens,
      long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, long calls, long seconds, long units,
      long billableUnits, long amountNanos, long postpaidNanos, long postpaidUnits, String currency, String snapshotJson,
      String response) {}

  /** All rows of a batch in one statement, one array per column, added to the batch's writes. */
  void insert(Flight writes, List<UsageRow> rows, Instant recordedAt) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    String[] ids = new String[n], roots = new String[n], accounts = new String[n], requests = new String[n];
    String[] keys = new String[n], meters = new String[n], statuses = new String[n], modes = new String[n];
    String[] routes = new String[n], currencies = new String[n], snapshots = new String[n];
    long[] occurred = new long[n];
    String[] responses = new String[n];
    Long[] latencies = new Long[n];
    long[] in = new long[n], out = new long[n], cr = new long[n], cw = new long[n], rs = new long[n];
    long[] calls = new long[n], secs = new long[n], units = new long[n], billable = new long[n];
    long[] amounts = new long[n], ppNanos = new long[n], ppUnits = new long[n];
    for (int i = 0; i < n; i++) {
      UsageRow r = rows.get(i);
      ids[i] = r.id();
      roots[i] = r.rootId();
      accounts[i] = r.accountId();
      requests[i] = r.requestId();
      keys[i] = r.apiKeyId();
      meters[i] = r.meter();
      statuses[i] = r.success() ? "success" : "failed";
      modes[i] = r.billingMode();
      occurred[i] = SqlTime.epochMicros(r.occurredAt());
      routes[i] = r.route();
      latencies[i] = r.latencyMs();
      in[i] = r.inputTokens();
      out[i] = r.outputTokens();
      cr[i] = r.cacheReadTokens();
      cw[i] = r.cacheWriteTokens();
      rs[i] = r.reasoningTokens();
      calls[i] = r.calls();
      secs[i] = r.seconds();
      units[i] = r.units();
      billable[i] = r.billableUnits();
      amounts[i] = r.amountNanos();
      ppNanos[i] = r.postpaidNanos();
      ppUnits[i] = r.postpaidUnits();
      currencies[i] = r.currency();
      snapshots[i] = r.snapshotJson();
      responses[i] = r.response();
    }
    writes.update("""
            INSERT INTO usage_records (id, root_id, account_id, request_id, api_key_id, meter, status, billing_mode,
                occurred_at, recorded_at, route, latency_ms, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, reasoning_tokens, calls, seconds, units, billable_units, amount_nanos,
                postpaid_nanos, postpaid_units, currency, snapshot, response)
            SELECT id, r, a, q, k, m, s, bm, (timestamptz 'epoch' + o * interval '1 microsecond'), ?, rt, l, i1, i2, i3, i4, i5, c, sc, u, b, am, pn, pu, cu,
                   sn::json, rp
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                          ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                          ?::bigint[], ?::text[], ?::text[], ?::text[])
                AS t(id, r, a, q, k, m, s, bm, o, rt, l, i1, i2, i3, i4, i5, c, sc, u, b, am, pn, pu, cu, sn, rp)""",
        SqlTime.of(recordedAt), ids, roots, accounts, requests, keys, meters, statuses, modes, occurred, routes,
        latencies, in, out, cr, cw, rs, calls, secs, units, billable, amounts, ppNanos, ppUnits, currencies,
        snapshots, responses);
  }
}
