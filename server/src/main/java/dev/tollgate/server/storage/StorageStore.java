package dev.tollgate.server.storage;

import dev.tollgate.core.credit.packages.Edition;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code storage_usage} and the storage capacity of an account's editions. Callers own the transaction. */
@Repository
class StorageStore {
  private final JdbcClient jdbc;

  StorageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Usage(String rootId, String accountId, long usedUnits, Instant overSince, Instant invalidSince) {}

  record EditionCapacity(Edition edition, long capacityUnits) {}

  Optional<Usage> find(String rootId, String accountId) {
    return jdbc.sql("SELECT * FROM storage_usage WHERE root_id = ? AND account_id = ?")
        .params(rootId, accountId)
        .query((rs, row) -> new Usage(rs.getString("root_id"), rs.getString("account_id"), rs.getLong("used_units"),
            SqlTime.read(rs, "over_since"), SqlTime.read(rs, "invalid_since")))
        .optional();
  }

  /** Records a report; the marks stay until the caller writes the evaluation. */
  void report(String rootId, String accountId, long usedUnits, Instant now) {
    jdbc.sql("""
            INSERT INTO storage_usage (root_id, account_id, used_units, reported_at, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (root_id, account_id) DO UPDATE SET used_units = EXCLUDED.used_units,
              reported_at = EXCLUDED.reported_at, updated_at = EXCLUDED.updated_at""")
        .params(rootId, accountId, usedUnits, SqlTime.of(now), SqlTime.of(now))
        .update();
  }

  void mark(String rootId, String accountId, Instant overSince, Instant invalidSince, Instant now) {
    jdbc.sql("""
            UPDATE storage_usage SET over_since = ?, invalid_since = ?, updated_at = ?
             WHERE root_id = ? AND account_id = ?""")
        .params(SqlTime.of(overSince), SqlTime.of(invalidSince), SqlTime.of(now), rootId, accountId)
        .update();
  }

  /** The account's editions that are not voided, each with its package's storage capacity (0: none). */
  List<EditionCapacity> editions(String rootId, String accountId) {
    return jdbc.sql("""
            SELECT e.id, e.rank, e.effective_at, e.expires_at, COALESCE(p.storage_capacity, 0) AS capacity
              FROM editions e JOIN packages p ON p.id = e.package_id
             WHERE e.root_id = ? AND e.account_id = ? AND e.voided_at IS NULL
             ORDER BY e.effective_at, e.id""")
        .params(rootId, accountId)
        .query((rs, row) -> new EditionCapacity(new Edition(rs.getString("id"), rs.getInt("rank"),
            SqlTime.read(rs, "effective_at"), SqlTime.read(rs, "expires_at")), rs.getLong("capacity")))
        .list();
  }

  /**
   * Whether the account still has PU (points) to spend at {@code t}: a money grant in force with
   * something left, or a positive wallet. Seed 000: when they are exhausted, the capacity is gone too.
   */
  boolean hasSpendableCredit(String rootId, String accountId, Instant t) {
    return jdbc.sql("""
            SELECT EXISTS (SELECT 1 FROM grants
                            WHERE root_id = :root AND account_id = :account AND denomination = 'money'
                              AND voided_at IS NULL AND remaining > 0 AND effective_at <= :t
                              AND (expires_at IS NULL OR expires_at > :t))
                OR EXISTS (SELECT 1 FROM wallets
                            WHERE root_id = :root AND account_id = :account AND balance_nanos > 0)""")
        .param("root", rootId)
        .param("account", accountId)
        .param("t", SqlTime.of(t))
        .query(Boolean.class)
        .single();
  }

  /** Accounts after {@code afterAccountId} whose status may need a change: some usage, or a mark. */
  List<Usage> watched(String afterAccountId, int limit) {
    return jdbc.sql("""
            SELECT * FROM storage_usage WHERE (used_units > 0 OR over_since IS NOT NULL) AND account_id > ?
             ORDER BY account_id LIMIT ?""")
        .params(afterAccountId, limit)
        .query((rs, row) -> new Usage(rs.getString("root_id"), rs.getString("account_id"), rs.getLong("used_units"),
            SqlTime.read(rs, "over_since"), SqlTime.read(rs, "invalid_since")))
        .list();
  }
}
