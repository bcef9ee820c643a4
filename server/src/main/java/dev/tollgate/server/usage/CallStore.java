package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reads every hot-path batch makes: keys, and accounts with the platform's settings (in a batch's flight). */
@Repository
class CallStore {
  private final JdbcClient jdbc;

  CallStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record KeyRow(String prefix, String keyId, String accountId, String rootId, byte[] sha256) {}

  /** Live keys by prefix, for every key a batch presents, in one query. */
  Map<String, KeyRow> liveKeys(Collection<String> prefixes) {
    Map<String, KeyRow> rows = new HashMap<>();
    if (prefixes.isEmpty()) {
      return rows;
    }
    jdbc.sql("SELECT prefix, id, account_id, root_id, key_sha256 FROM api_keys WHERE prefix = ANY(?::text[]) AND deleted_at IS NULL")
        .params((Object) prefixes.toArray(String[]::new))
        .query(rs -> {
          rows.put(rs.getString("prefix"), new KeyRow(
              rs.getString("prefix"), rs.getString("id"), rs.getString("account_id"), rs.getString("root_id"),
              rs.getBytes("key_sha256")));
        });
    return rows;
  }

  /**
   * Accounts by id, as a query of a flight sent after their rows are locked: the values are the
   * latest committed. The platform's billing settings come in the same rows, already applied where
   * the account has no override of its own, so every batch resolves them in this one place.
   */
  Flight.Answer<Map<String, CallerAccount>> accounts(Flight flight, Collection<String> ids, Instant now) {
    if (ids.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("""
            SELECT a.id, a.root_id, a.currency, a.status, a.price_group,
                   coalesce(a.billing_mode, s.billing_mode) AS billing_mode,
                   coalesce(a.prepaid_amount_nanos, s.prepaid_amount_nanos) AS prepaid_amount_nanos,
                   s.hold_timeout_ms, a.content_moderation, a.postpaid_enabled, a.overdue_since IS NOT NULL AS overdue,
                   -- The discount of the plan whose edition is in effect now: the highest rank
                   -- valid now, then the longest lasting, then the lowest id (EditionRules).
                   (SELECT p.discount::text
                      FROM (SELECT e.package_id FROM editions e
                             WHERE e.root_id = a.root_id AND e.account_id = a.id AND e.voided_at IS NULL
                               AND e.effective_at <= ? AND e.expires_at > ?
                             ORDER BY e.rank DESC, e.expires_at DESC, e.id ASC LIMIT 1) AS effective
                      JOIN plans p ON p.id = effective.package_id) AS plan_discount
              FROM accounts a LEFT JOIN billing_settings s ON s.id = 1
             WHERE a.id = ANY(?::text[])""",
        rs -> {
          Map<String, CallerAccount> rows = new HashMap<>();
          while (rs.next()) {
            String mode = rs.getString("billing_mode");
            if (mode == null) {
              throw new IllegalStateException("billing_settings has no row 1");
            }
            rows.put(rs.getString("id"), new CallerAccount(
                rs.getString("id"), rs.getString("root_id"), rs.getString("currency"),
                AccountStatus.fromCode(rs.getString("status")).orElseThrow(), rs.getString("price_group"),
                BillingMode.fromCode(mode).orElseThrow(), rs.getLong("prepaid_amount_nanos"),
                rs.getLong("hold_timeout_ms"), rs.getBoolean("content_moderation"), rs.getBoolean("postpaid_enabled"),
                rs.getBoolean("overdue"), discount(rs.getString("plan_discount"))));
          }
          return rows;
        }, SqlTime.of(now), SqlTime.of(now), ids.toArray(String[]::new));
  }

  /** A plan discount of 1 (none) is no multiplier at all. */
  private static Fraction discount(String text) {
    if (text == null) {
      return null;
    }
    Fraction f = Fraction.parse(text).orThrow();
    return f.equals(Fraction.ONE) ? null : f;
  }

  record PlatformBilling(BillingMode mode, long prepaidAmountNanos, long holdTimeoutMs) {}

  PlatformBilling platform() {
    return jdbc.sql("SELECT billing_mode, prepaid_amount_nanos, hold_timeout_ms FROM billing_settings WHERE id = 1")
        .query((rs, n) -> platform(rs)).single();
  }

  private static PlatformBilling platform(ResultSet rs) throws SQLException {
    return new PlatformBilling(
        BillingMode.fromCode(rs.getString("billing_mode")).orElseThrow(), rs.getLong("prepaid_amount_nanos"),
        rs.getLong("hold_timeout_ms"));
  }

  static String[] roots(List<RequestKey> keys) {
    return keys.stream().map(RequestKey::rootId).toArray(String[]::new);
  }

  static String[] requestIds(List<RequestKey> keys) {
    return keys.stream().map(RequestKey::requestId).toArray(String[]::new);
  }
}
