package dev.tollgate.server.notify;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The detectors' SQL: one set-based query per kind of notice, over every account at once. Each
 * query leaves out what the outbox already holds (its dedupe key is indexed), so a run loads only
 * new notices however many grants stay below a threshold. Callers own the transaction.
 */
@Repository
class DetectionStore {
  private final JdbcClient jdbc;

  DetectionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Grants in force at {@code now} (not voided, effective, not expired) whose remaining is at or
   * below one of the account's thresholds: one notice for the lowest threshold reached, keyed
   * {@code credit_threshold:{grantId}:{percent}}. Remaining and amount are compared as numeric,
   * since {@code remaining * 100} may not fit a bigint.
   */
  List<Notice> creditThresholds(Instant now, int limit) {
    return jdbc.sql("""
            SELECT c.* FROM (
              SELECT g.root_id, g.account_id, g.id, g.class, g.denomination, g.unit, g.meters, g.amount, g.remaining,
                     g.expires_at,
                     (SELECT min(t) FROM unnest(COALESCE(s.credit_thresholds_percent, p.credit_thresholds_percent)) AS t
                       WHERE g.remaining::numeric * 100 <= g.amount::numeric * t) AS reached
                FROM grants g
                CROSS JOIN notification_settings p
                LEFT JOIN account_notification_settings s ON s.root_id = g.root_id AND s.account_id = g.account_id
               WHERE p.id = 1 AND g.voided_at IS NULL AND g.effective_at <= :now
                 AND (g.expires_at IS NULL OR g.expires_at > :now)
            ) c
             WHERE c.reached IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.root_id = c.root_id AND o.dedupe_key = 'credit_threshold:' || c.id || ':' || c.reached)
             ORDER BY c.root_id, c.id
             LIMIT :limit""")
        .param("now", SqlTime.of(now))
        .param("limit", limit)
        .query((rs, i) -> {
          int percent = rs.getInt("reached");
          Map<String, Object> data = grantData(rs);
          data.put("thresholdPercent", percent);
          return new Notice(rs.getString("root_id"), rs.getString("account_id"), "credit_threshold",
              "credit_threshold:" + rs.getString("id") + ":" + percent, data, now);
        })
        .list();
  }

  /**
   * Grants in force with something left that expire within one of the account's day counts: one
   * notice for the smallest count reached, keyed {@code expiry_notice:{grantId}:{days}}. A used-up
   * grant gets no expiry notice: nothing is lost when it expires.
   */
  List<Notice> expiries(Instant now, int limit) {
    return jdbc.sql("""
            SELECT c.* FROM (
              SELECT g.root_id, g.account_id, g.id, g.class, g.denomination, g.unit, g.meters, g.amount, g.remaining,
                     g.expires_at,
                     (SELECT min(d) FROM unnest(COALESCE(s.expiry_days, p.expiry_days)) AS d
                       WHERE g.expires_at <= :now + make_interval(days => d)) AS reached
                FROM grants g
                CROSS JOIN notification_settings p
                LEFT JOIN account_notification_settings s ON s.root_id = g.root_id AND s.account_id = g.account_id
               WHERE p.id = 1 AND g.voided_at IS NULL AND g.effective_at <= :now AND g.expires_at > :now
                 AND g.remaining > 0
            ) c
             WHERE c.reached IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.root_id = c.root_id AND o.dedupe_key = 'expiry_notice:' || c.id || ':' || c.reached)
             ORDER BY c.root_id, c.id
             LIMIT :limit""")
        .param("now", SqlTime.of(now))
        .param("limit", limit)
        .query((rs, i) -> {
          int days = rs.getInt("reached");
          Map<String, Object> data = grantData(rs);
          data.put("daysBefore", days);
          return new Notice(rs.getString("root_id"), rs.getString("account_id"), "expiry_notice",
              "expiry_notice:" + rs.getString("id") + ":" + days, data, now);
        })
        .list();
  }

  /**
   * Forgets wallets that are back at or above their threshold (or whose threshold is gone), so
   * their next fall below is a new crossing. Returns how many were forgotten.
   */
  int resetRecoveredWallets() {
    return jdbc.sql("""
            DELETE FROM notification_low_wallets l
             WHERE NOT EXISTS (
                   SELECT 1 FROM wallets w
                    CROSS JOIN notification_settings p
                     LEFT JOIN account_notification_settings s ON s.root_id = w.root_id AND s.account_id = w.account_id
                    WHERE p.id = 1 AND w.root_id = l.root_id AND w.account_id = l.account_id
                      AND w.balance_nanos < COALESCE(s.low_wallet_threshold_nanos, p.low_wallet_threshold_nanos))""")
        .update();
  }

  /**
   * Records wallets that are below their threshold and were not before, and returns a notice for
   * each: keyed {@code low_wallet:{accountId}:{crossedAt}}, so each crossing notifies once.
   */
  List<Notice> newLowWallets(Instant now, int limit) {
    return jdbc.sql("""
            WITH low AS (
              SELECT w.root_id, w.account_id, w.currency, w.balance_nanos,
                     COALESCE(s.low_wallet_threshold_nanos, p.low_wallet_threshold_nanos) AS threshold
                FROM wallets w
               CROSS JOIN notification_settings p
                LEFT JOIN account_notification_settings s ON s.root_id = w.root_id AND s.account_id = w.account_id
               WHERE p.id = 1
                 AND w.balance_nanos < COALESCE(s.low_wallet_threshold_nanos, p.low_wallet_threshold_nanos)
                 AND NOT EXISTS (SELECT 1 FROM notification_low_wallets l
                                  WHERE l.root_id = w.root_id AND l.account_id = w.account_id)
               ORDER BY w.root_id, w.account_id
               LIMIT :limit
            ), crossed AS (
              INSERT INTO notification_low_wallets (root_id, account_id, crossed_at)
              SELECT root_id, account_id, :now FROM low
              ON CONFLICT (root_id, account_id) DO NOTHING
              RETURNING root_id, account_id
            )
            SELECT low.* FROM low JOIN crossed USING (root_id, account_id)""")
        .param("now", SqlTime.of(now))
        .param("limit", limit)
        .query((rs, i) -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("accountId", rs.getString("account_id"));
          data.put("currency", rs.getString("currency"));
          data.put("balance", Nanos.format(rs.getLong("balance_nanos")));
          data.put("threshold", Nanos.format(rs.getLong("threshold")));
          return new Notice(rs.getString("root_id"), rs.getString("account_id"), "low_wallet",
              "low_wallet:" + rs.getString("account_id") + ":" + now, data, now);
        })
        .list();
  }

  private static Map<String, Object> grantData(ResultSet rs) throws SQLException {
    boolean money = "money".equals(rs.getString("denomination"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("accountId", rs.getString("account_id"));
    data.put("grantId", rs.getString("id"));
    data.put("class", rs.getString("class"));
    data.put("unit", rs.getString("unit"));
    // Absent meters: the grant covers every meter; absent expiresAt: it never expires. (A notice's
    // payload holds no nulls.)
    List<String> meters = NotificationSettingsStore.strings(rs.getArray("meters"));
    if (meters != null) {
      data.put("meters", meters);
    }
    data.put("amount", money ? Nanos.format(rs.getLong("amount")) : Long.toString(rs.getLong("amount")));
    data.put("remaining", money ? Nanos.format(rs.getLong("remaining")) : Long.toString(rs.getLong("remaining")));
    Instant expires = SqlTime.read(rs, "expires_at");
    if (expires != null) {
      data.put("expiresAt", expires.toString());
    }
    return data;
  }
}
