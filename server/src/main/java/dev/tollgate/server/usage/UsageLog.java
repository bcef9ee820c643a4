package dev.tollgate.server.usage;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the usage records: the log (newest first, keyset-paged) and grouped reports (API and portal). */
@Repository
public class UsageLog {
  private final JdbcClient jdbc;

  UsageLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One call as the log shows it; {@code snapshot} and {@code response} are JSON text. */
  public record Entry(
      String id, String requestId, String accountId, String apiKeyId, String meter, String status, String billingMode,
      Instant occurredAt, Instant recordedAt, String route, Long latencyMs, long inputTokens, long outputTokens,
      long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, long calls, long seconds, long units,
      long billableUnits, long amountNanos, long postpaidNanos, String currency, String snapshot, String response) {}

  /** Keyset position: the last (occurredAt, id) of the previous page. */
  public record After(Instant occurredAt, String id) {}

  public List<Entry> page(UsageQuery q, After after, int limit) {
    StringBuilder sql = new StringBuilder("""
        SELECT id, request_id, account_id, api_key_id, meter, status, billing_mode, occurred_at, recorded_at, route,
               latency_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, calls,
               seconds, units, billable_units, amount_nanos, postpaid_nanos, currency, snapshot::text AS snapshot, response
          FROM usage_records WHERE occurred_at >= ? AND occurred_at < ?""");
    List<Object> params = new ArrayList<>(List.of(SqlTime.of(q.from()), SqlTime.of(q.toExclusive())));
    filters(q, sql, params);
    if (after != null) {
      sql.append(" AND (occurred_at, id) < (?, ?)");
      params.add(SqlTime.of(after.occurredAt()));
      params.add(after.id());
    }
    sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(UsageLog::entry).list();
  }

  /** A report line: one group's totals. */
  public record Group(String key, long calls, long failedCalls, long billableUnits, long inputTokens, long outputTokens,
      long cacheReadTokens, long cacheWriteTokens, long amountNanos, long postpaidNanos) {
    public String amount() {
      return Nanos.format(amountNanos);
    }
  }

  /** Totals grouped by day (in {@code zone}), meter or API key. */
  public List<Group> report(UsageQuery q, String groupBy, String zone) {
    // Whole quarter hours come from the rollups; the partial ones at the window's edges from the
    // records themselves, so any window is exact and a month of calls reads a few thousand rows.
    UsageRollups.Split split = UsageRollups.Split.of(q.from(), q.toExclusive());
    String filters = reportFilters(q);
    String sql = "SELECT k, sum(calls) AS calls, sum(failed) AS failed, sum(units) AS units, sum(input) AS input,"
        + " sum(output) AS output, sum(cache_read) AS cache_read, sum(cache_write) AS cache_write,"
        + " sum(amount) AS amount, sum(postpaid) AS postpaid FROM ("
        + " SELECT " + groupKey(groupBy, "bucket_start", "api_key_id") + " AS k, calls, failed,"
        + "   billable_units AS units, input_tokens AS input, output_tokens AS output,"
        + "   cache_read_tokens AS cache_read, cache_write_tokens AS cache_write, amount_nanos AS amount,"
        + "   postpaid_nanos AS postpaid"
        + "   FROM usage_rollups WHERE bucket_start >= :alignedFrom AND bucket_start < :alignedTo" + filters
        + " UNION ALL"
        + " SELECT " + groupKey(groupBy, "occurred_at", "coalesce(api_key_id, '')") + ","
        + "   (status = 'success')::int, (status = 'failed')::int, billable_units, input_tokens, output_tokens,"
        + "   cache_read_tokens, cache_write_tokens, amount_nanos, postpaid_nanos"
        + "   FROM usage_records WHERE ((occurred_at >= :from AND occurred_at < :alignedFrom)"
        + "     OR (occurred_at >= :alignedTo AND occurred_at < :to))" + filters
        + ") x GROUP BY k ORDER BY k";
    Map<String, Object> params = new HashMap<>();
    params.put("from", SqlTime.of(q.from()));
    params.put("to", SqlTime.of(q.toExclusive()));
    params.put("alignedFrom", SqlTime.of(split.alignedFrom()));
    params.put("alignedTo", SqlTime.of(split.alignedTo()));
    if (groupBy.equals("day")) {
      params.put("zone", zone);
    }
    putIfPresent(params, "rootId", q.rootId());
    putIfPresent(params, "accountId", q.accountId());
    putIfPresent(params, "apiKeyId", q.apiKeyId());
    putIfPresent(params, "meter", q.meter());
    return jdbc.sql(sql).params(params).query((rs, n) -> new Group(
        rs.getString("k"), rs.getLong("calls"), rs.getLong("failed"), rs.getLong("units"), rs.getLong("input"),
        rs.getLong("output"), rs.getLong("cache_read"), rs.getLong("cache_write"), rs.getLong("amount"),
        rs.getLong("postpaid"))).list();
  }

  private static String groupKey(String groupBy, String timeColumn, String keyColumn) {
    return switch (groupBy) {
      case "day" -> "to_char(" + timeColumn + " AT TIME ZONE :zone, 'YYYY-MM-DD')";
      case "meter" -> "meter";
      case "apiKey" -> keyColumn;
      default -> throw new IllegalArgumentException(groupBy);
    };
  }

  /** The same filters on both tables, which name the columns alike. */
  private static String reportFilters(UsageQuery q) {
    return (q.rootId() != null ? " AND root_id = :rootId" : "")
        + (q.accountId() != null ? " AND account_id = :accountId" : "")
        + (q.apiKeyId() != null ? " AND api_key_id = :apiKeyId" : "")
        + (q.meter() != null ? " AND meter = :meter" : "");
  }

  private static void putIfPresent(Map<String, Object> params, String name, String value) {
    if (value != null) {
      params.put(name, value);
    }
  }

  /** The report groupings, as {@link #report} names them. */
  static final List<String> GROUPINGS = List.of("day", "meter", "apiKey");

  /** All three reports (by day in {@code zone}, meter and API key), as the console shows them together. */
  Map<String, List<Group>> reportAll(UsageQuery q, String zone) {
    // Each reads the quarter-hour rollups (a few thousand rows a month), so three are cheap.
    Map<String, List<Group>> reports = new java.util.LinkedHashMap<>();
    GROUPINGS.forEach(g -> reports.put(g, report(q, g, zone)));
    return reports;
  }

  private static void filters(UsageQuery q, StringBuilder sql, List<Object> params) {
    if (q.rootId() != null) {
      sql.append(" AND root_id = ?");
      params.add(q.rootId());
    }
    if (q.accountId() != null) {
      sql.append(" AND account_id = ?");
      params.add(q.accountId());
    }
    if (q.apiKeyId() != null) {
      sql.append(" AND api_key_id = ?");
      params.add(q.apiKeyId());
    }
    if (q.meter() != null) {
      sql.append(" AND meter = ?");
      params.add(q.meter());
    }
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    long latency = rs.getLong("latency_ms");
    Long latencyMs = rs.wasNull() ? null : latency;
    return new Entry(rs.getString("id"), rs.getString("request_id"), rs.getString("account_id"),
        rs.getString("api_key_id"), rs.getString("meter"), rs.getString("status"), rs.getString("billing_mode"),
        SqlTime.read(rs, "occurred_at"), SqlTime.read(rs, "recorded_at"), rs.getString("route"), latencyMs,
        rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("cache_read_tokens"),
        rs.getLong("cache_write_tokens"), rs.getLong("reasoning_tokens"), rs.getLong("calls"), rs.getLong("seconds"),
        rs.getLong("units"), rs.getLong("billable_units"), rs.getLong("amount_nanos"), rs.getLong("postpaid_nanos"),
        rs.getString("currency"), rs.getString("snapshot"), rs.getString("response"));
  }
}
