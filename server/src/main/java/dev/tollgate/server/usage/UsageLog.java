package dev.tollgate.server.usage;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the usage records: the log (newest first, keyset-paged) and grouped reports. */
@Repository
class UsageLog {
  private final JdbcClient jdbc;

  UsageLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One call as the log shows it; {@code snapshot} and {@code response} are JSON text. */
  record Entry(
      String id, String requestId, String accountId, String apiKeyId, String meter, String status, String billingMode,
      Instant occurredAt, Instant recordedAt, String route, Long latencyMs, long inputTokens, long outputTokens,
      long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, long calls, long seconds, long units,
      long billableUnits, long amountNanos, long postpaidNanos, String currency, String snapshot, String response) {}

  /** Keyset position: the last (occurredAt, id) of the previous page. */
  record After(Instant occurredAt, String id) {}

  List<Entry> page(UsageQuery q, After after, int limit) {
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
  record Group(String key, long calls, long failedCalls, long billableUnits, long inputTokens, long outputTokens,
      long cacheReadTokens, long cacheWriteTokens, long amountNanos, long postpaidNanos) {
    String amount() {
      return Nanos.format(amountNanos);
    }
  }

  /** Totals grouped by day (in {@code zone}), meter or API key. */
  List<Group> report(UsageQuery q, String groupBy, String zone) {
    String key = switch (groupBy) {
      case "day" -> "to_char(occurred_at AT TIME ZONE ?, 'YYYY-MM-DD')";
      case "meter" -> "meter";
      case "apiKey" -> "coalesce(api_key_id, '')";
      default -> throw new IllegalArgumentException(groupBy);
    };
    List<Object> params = new ArrayList<>();
    if (groupBy.equals("day")) {
      params.add(zone);
    }
    StringBuilder sql = new StringBuilder("SELECT " + key + " AS k," + """
               count(*) FILTER (WHERE status = 'success') AS calls, count(*) FILTER (WHERE status = 'failed') AS failed,
               sum(billable_units) AS units, sum(input_tokens) AS input, sum(output_tokens) AS output,
               sum(cache_read_tokens) AS cache_read, sum(cache_write_tokens) AS cache_write,
               sum(amount_nanos) AS amount, sum(postpaid_nanos) AS postpaid
          FROM usage_records WHERE occurred_at >= ? AND occurred_at < ?""");
    params.add(SqlTime.of(q.from()));
    params.add(SqlTime.of(q.toExclusive()));
    filters(q, sql, params);
    sql.append(" GROUP BY 1 ORDER BY 1");
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Group(
        rs.getString("k"), rs.getLong("calls"), rs.getLong("failed"), rs.getLong("units"), rs.getLong("input"),
        rs.getLong("output"), rs.getLong("cache_read"), rs.getLong("cache_write"), rs.getLong("amount"),
        rs.getLong("postpaid"))).list();
  }

  /** The report groupings, as {@link #report} names them. */
  static final List<String> GROUPINGS = List.of("day", "meter", "apiKey");

  /**
   * All three reports (by day in {@code zone}, meter and API key) from one scan of the records
   * with GROUPING SETS: the console shows them together, and three scans cost three times one.
   */
  java.util.Map<String, List<Group>> reportAll(UsageQuery q, String zone) {
    List<Object> params = new ArrayList<>(List.of(zone, SqlTime.of(q.from()), SqlTime.of(q.toExclusive())));
    StringBuilder sql = new StringBuilder("""
        SELECT to_char(day, 'YYYY-MM-DD') AS day, meter, k, grouping(day) AS no_day, grouping(meter) AS no_meter,
               count(*) FILTER (WHERE status = 'success') AS calls, count(*) FILTER (WHERE status = 'failed') AS failed,
               sum(billable_units) AS units, sum(input_tokens) AS input, sum(output_tokens) AS output,
               sum(cache_read_tokens) AS cache_read, sum(cache_write_tokens) AS cache_write,
               sum(amount_nanos) AS amount, sum(postpaid_nanos) AS postpaid
          FROM (SELECT (occurred_at AT TIME ZONE ?)::date AS day, meter, coalesce(api_key_id, '') AS k,
                       status, billable_units, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                       amount_nanos, postpaid_nanos
                  FROM usage_records WHERE occurred_at >= ? AND occurred_at < ?""");
    filters(q, sql, params);
    // Grouping by a date and formatting each group once is cheaper than formatting every row.
    sql.append(") u GROUP BY GROUPING SETS ((u.day), (u.meter), (u.k)) ORDER BY u.day, u.meter, u.k");
    java.util.Map<String, List<Group>> reports = new java.util.LinkedHashMap<>();
    GROUPINGS.forEach(g -> reports.put(g, new ArrayList<>()));
    jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
      String grouping = rs.getInt("no_day") == 0 ? "day" : rs.getInt("no_meter") == 0 ? "meter" : "apiKey";
      String key = rs.getString(grouping.equals("day") ? "day" : grouping.equals("meter") ? "meter" : "k");
      reports.get(grouping).add(new Group(key, rs.getLong("calls"), rs.getLong("failed"), rs.getLong("units"),
          rs.getLong("input"), rs.getLong("output"), rs.getLong("cache_read"), rs.getLong("cache_write"),
          rs.getLong("amount"), rs.getLong("postpaid")));
      return null;
    }).list();
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
