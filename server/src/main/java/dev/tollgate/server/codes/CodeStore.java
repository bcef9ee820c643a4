package dev.tollgate.server.codes;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for codes, redemptions and failed attempts. Callers own the transaction. */
@Repository
class CodeStore {
  private final JdbcClient jdbc;

  CodeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredCode c, byte[] sha256) {
    jdbc.sql("""
            INSERT INTO redemption_codes (id, batch_id, kind, amount_nanos, currency, plan_id, package_id, days,
                                          max_redemptions, per_account_limit, expires_at, description, prefix,
                                          code_sha256, enabled, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)""")
        .params(c.id(), c.batchId(), c.kind(), c.amountNanos(), c.currency(), c.planId(), c.packageId(), c.days(),
            c.maxRedemptions(), c.perAccountLimit(), SqlTime.of(c.expiresAt()), c.description(), c.prefix(), sha256,
            SqlTime.of(c.createdAt()), SqlTime.of(c.updatedAt()))
        .update();
  }

  /** The code with this hash, its row locked until the transaction ends; deleted ones included. */
  Optional<StoredCode> lockByHash(byte[] sha256) {
    return jdbc.sql("SELECT * FROM redemption_codes WHERE code_sha256 = ? FOR UPDATE")
        .param(sha256)
        .query(CodeStore::map)
        .optional();
  }

  Optional<StoredCode> find(String id) {
    return jdbc.sql("SELECT * FROM redemption_codes WHERE id = ?").param(id).query(CodeStore::map).optional();
  }

  int countRedemptions(String codeId, String accountId) {
    return jdbc.sql("SELECT count(*) FROM code_redemptions WHERE code_id = ? AND account_id = ?")
        .params(codeId, accountId)
        .query(Integer.class)
        .single();
  }

  record Redemption(
      String rootId, String id, String codeId, String accountId, String kind, Long amountNanos, String currency,
      String entryId, Instant createdAt) {}

  void insertRedemption(Redemption r) {
    jdbc.sql("""
            INSERT INTO code_redemptions (root_id, id, code_id, account_id, kind, amount_nanos, currency, entry_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.rootId(), r.id(), r.codeId(), r.accountId(), r.kind(), r.amountNanos(), r.currency(), r.entryId(),
            SqlTime.of(r.createdAt()))
        .update();
    jdbc.sql("UPDATE redemption_codes SET redeemed_count = redeemed_count + 1, updated_at = ? WHERE id = ?")
        .params(SqlTime.of(r.createdAt()), r.codeId())
        .update();
  }

  List<Redemption> redemptions(String codeId, Instant afterCreated, String afterId, int limit) {
    return jdbc.sql("""
            SELECT * FROM code_redemptions
             WHERE code_id = ? AND (?::timestamptz IS NULL OR (created_at, id) > (?::timestamptz, ?))
             ORDER BY created_at, id LIMIT ?""")
        .params(codeId, SqlTime.of(afterCreated), SqlTime.of(afterCreated), afterId, limit)
        .query((rs, n) -> new Redemption(
            rs.getString("root_id"), rs.getString("id"), rs.getString("code_id"), rs.getString("account_id"),
            rs.getString("kind"), (Long) rs.getObject("amount_nanos"), rs.getString("currency"),
            rs.getString("entry_id"), SqlTime.read(rs, "created_at")))
        .list();
  }

  void setEnabled(String id, boolean enabled, Instant now) {
    jdbc.sql("UPDATE redemption_codes SET enabled = ?, updated_at = ? WHERE id = ?")
        .params(enabled, SqlTime.of(now), id)
        .update();
  }

  void markDeleted(String id, Instant now) {
    jdbc.sql("UPDATE redemption_codes SET deleted_at = coalesce(deleted_at, ?), updated_at = ? WHERE id = ?")
        .params(SqlTime.of(now), SqlTime.of(now), id)
        .update();
  }

  /** The SQL form of {@link StoredCode#status}, for filtering. */
  private static final String STATUS_SQL = """
      CASE WHEN deleted_at IS NOT NULL THEN 'deleted'
           WHEN NOT enabled THEN 'disabled'
           WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'expired'
           WHEN redeemed_count >= max_redemptions THEN 'exhausted'
           ELSE 'active' END""";

  /**
   * Codes oldest first. {@code status} null lists every status but deleted (deleted codes stop
   * showing, seed 003); {@code q} matches the prefix, the batch id or the description.
   */
  List<StoredCode> list(
      String batchId, String status, String q, Instant now, Instant afterCreated, String afterId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM redemption_codes WHERE 1 = 1");
    if (batchId != null) {
      sql.append(" AND batch_id = :batchId");
    }
    if (status != null) {
      sql.append(" AND (").append(STATUS_SQL).append(") = :status");
    } else {
      sql.append(" AND deleted_at IS NULL");
    }
    if (q != null) {
      sql.append(" AND (prefix = :qPrefix OR batch_id = :q OR id = :q OR description ILIKE :qLike ESCAPE '\\')");
    }
    if (afterCreated != null) {
      sql.append(" AND (created_at, id) > (:afterCreated, :afterId)");
    }
    sql.append(" ORDER BY created_at, id LIMIT :limit");
    var statement = jdbc.sql(sql.toString())
        .param("now", SqlTime.of(now))
        .param("limit", limit);
    if (batchId != null) {
      statement = statement.param("batchId", batchId);
    }
    if (status != null) {
      statement = statement.param("status", status);
    }
    if (q != null) {
      String normalised = q.replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
      String prefix = normalised.length() >= CodeFormat.GROUP_LENGTH
          ? normalised.substring(0, CodeFormat.GROUP_LENGTH) : normalised;
      statement = statement.param("qPrefix", prefix).param("q", q)
          .param("qLike", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (afterCreated != null) {
      statement = statement.param("afterCreated", SqlTime.of(afterCreated)).param("afterId", afterId);
    }
    return statement.query(CodeStore::map).list();
  }

  /** Failures recorded for {@code subject} at or after {@code since}. */
  int failuresSince(String subject, Instant since) {
    return jdbc.sql("SELECT count(*) FROM redeem_failures WHERE subject = ? AND failed_at >= ?")
        .params(subject, SqlTime.of(since))
        .query(Integer.class)
        .single();
  }

  /** Records a failure and forgets this subject's failures that left the window. */
  void recordFailure(String subject, Instant at, Instant windowStart) {
    jdbc.sql("DELETE FROM redeem_failures WHERE subject = ? AND failed_at < ?")
        .params(subject, SqlTime.of(windowStart))
        .update();
    jdbc.sql("INSERT INTO redeem_failures (subject, failed_at) VALUES (?, ?)")
        .params(subject, SqlTime.of(at))
        .update();
  }

  private static StoredCode map(ResultSet rs, int row) throws SQLException {
    return new StoredCode(
        rs.getString("id"), rs.getString("batch_id"), rs.getString("kind"), (Long) rs.getObject("amount_nanos"),
        rs.getString("currency"), rs.getString("plan_id"), rs.getString("package_id"), (Integer) rs.getObject("days"),
        rs.getInt("max_redemptions"), rs.getInt("per_account_limit"), rs.getInt("redeemed_count"),
        SqlTime.read(rs, "expires_at"), rs.getString("description"), rs.getString("prefix"), rs.getBoolean("enabled"),
        SqlTime.read(rs, "deleted_at"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"));
  }
}
