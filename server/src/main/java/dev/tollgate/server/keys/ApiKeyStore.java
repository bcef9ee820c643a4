package dev.tollgate.server.keys;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for API keys. Callers own the transaction. */
@Repository
class ApiKeyStore {
  private static final String COLUMNS = "id, root_id, account_id, prefix, remark, created_at, last_used_at";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ApiKeyStore(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  int countLive(String rootId) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE root_id = :root AND deleted_at IS NULL")
        .param("root", rootId)
        .query(Integer.class)
        .single();
  }

  void insert(ApiKey key, byte[] sha256) {
    jdbc.sql("""
            INSERT INTO api_keys (id, root_id, account_id, prefix, key_sha256, remark, created_at)
            VALUES (:id, :root, :account, :prefix, :hash, :remark, :created)""")
        .param("id", key.id())
        .param("root", key.rootId())
        .param("account", key.accountId())
        .param("prefix", key.prefix())
        .param("hash", sha256)
        .param("remark", key.remark())
        .param("created", SqlTime.of(key.createdAt()))
        .update();
  }

  List<ApiKey> listLive(String accountId, boolean family) {
    String where = family ? "root_id = :id" : "account_id = :id";
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE " + where + " AND deleted_at IS NULL ORDER BY created_at, id")
        .param("id", accountId)
        .query(ApiKeyStore::map)
        .list();
  }

  Optional<ApiKey> findLive(String accountId, String keyId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id AND account_id = :account AND deleted_at IS NULL")
        .param("id", keyId)
        .param("account", accountId)
        .query(ApiKeyStore::map)
        .optional();
  }

  boolean existsEver(String accountId, String keyId) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE id = :id AND account_id = :account")
        .param("id", keyId)
        .param("account", accountId)
        .query(Integer.class)
        .single() > 0;
  }

  void updateRemark(String keyId, String remark) {
    jdbc.sql("UPDATE api_keys SET remark = :remark WHERE id = :id").param("id", keyId).param("remark", remark).update();
  }

  void markDeleted(String keyId, Instant at) {
    jdbc.sql("UPDATE api_keys SET deleted_at = :at WHERE id = :id AND deleted_at IS NULL")
        .param("id", keyId)
        .param("at", SqlTime.of(at))
        .update();
  }

  /** The live key with this prefix and its hash: one unique-index lookup. */
  Optional<Candidate> findCandidate(String prefix) {
    return jdbc.sql("SELECT id, root_id, account_id, key_sha256 FROM api_keys WHERE prefix = :prefix AND deleted_at IS NULL")
        .param("prefix", prefix)
        .query((rs, n) -> new Candidate(rs.getString("id"), rs.getString("root_id"), rs.getString("account_id"), rs.getBytes("key_sha256")))
        .optional();
  }

  record Candidate(String keyId, String rootId, String accountId, byte[] sha256) {}

  /** One batched statement for many keys; GREATEST keeps the newest when nodes race. */
  void recordLastUsed(Map<String, Instant> lastUsed) {
    List<Object[]> rows = lastUsed.entrySet().stream()
        .map(e -> new Object[] {SqlTime.of(e.getValue()), e.getKey()})
        .toList();
    template.batchUpdate("UPDATE api_keys SET last_used_at = GREATEST(last_used_at, ?) WHERE id = ?", rows);
  }

  static ApiKey map(ResultSet rs, int row) throws SQLException {
    return new ApiKey(
        rs.getString("id"), rs.getString("root_id"), rs.getString("account_id"), rs.getString("prefix"),
        rs.getString("remark"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_used_at"));
  }
}
