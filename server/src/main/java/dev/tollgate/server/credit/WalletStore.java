package dev.tollgate.server.credit;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for operator wallet movements and the wallet balance. Callers own the transaction. */
@Repository
public class WalletStore {
  private final JdbcClient jdbc;

  public WalletStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An operator credit or debit as stored. */
  public record Movement(
      String rootId, String id, String accountId, String direction, long amountNanos, String reason,
      String idempotencyKey, String requestDigest, String entryId, long balanceNanos, Instant createdAt) {}

  void insert(Movement m) {
    jdbc.sql("""
            INSERT INTO wallet_movements (root_id, id, account_id, direction, amount_nanos, reason,
                                          idempotency_key, request_digest, entry_id, balance_nanos, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(m.rootId(), m.id(), m.accountId(), m.direction(), m.amountNanos(), m.reason(), m.idempotencyKey(),
            m.requestDigest(), m.entryId(), m.balanceNanos(), SqlTime.of(m.createdAt()))
        .update();
  }

  Optional<Movement> findByKey(String rootId, String accountId, String idempotencyKey) {
    return jdbc.sql("SELECT * FROM wallet_movements WHERE root_id = ? AND account_id = ? AND idempotency_key = ?")
        .params(rootId, accountId, idempotencyKey)
        .query(WalletStore::map)
        .optional();
  }

  /** The cached balance; zero for a wallet that never moved. */
  public long balance(String rootId, String accountId) {
    return jdbc.sql("SELECT balance_nanos FROM wallets WHERE root_id = ? AND account_id = ?")
        .params(rootId, accountId)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  private static Movement map(ResultSet rs, int row) throws SQLException {
    return new Movement(
        rs.getString("root_id"), rs.getString("id"), rs.getString("account_id"), rs.getString("direction"),
        rs.getLong("amount_nanos"), rs.getString("reason"), rs.getString("idempotency_key"),
        rs.getString("request_digest"), rs.getString("entry_id"), rs.getLong("balance_nanos"),
        SqlTime.read(rs, "created_at"));
  }
}
