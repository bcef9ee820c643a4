package dev.tollgate.server.portal;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the portal's links, customer tokens and sessions (V18). Callers own the transaction. */
@Repository
class PortalAccessStore {
  private final JdbcClient jdbc;

  PortalAccessStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertLink(String rootId, String id, String accountId, byte[] sha256, Instant createdAt, Instant expiresAt) {
    jdbc.sql("""
            INSERT INTO portal_links (root_id, id, account_id, token_sha256, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(rootId, id, accountId, sha256, SqlTime.of(createdAt), SqlTime.of(expiresAt))
        .update();
  }

  record LinkRow(String rootId, String id, String accountId, Instant expiresAt, Instant usedAt) {}

  /** Locks the link's row, so two openings of one link queue and only the first uses it. */
  Optional<LinkRow> lockLink(byte[] sha256) {
    return jdbc.sql("SELECT * FROM portal_links WHERE token_sha256 = ? FOR UPDATE")
        .params((Object) sha256)
        .query((rs, n) -> new LinkRow(rs.getString("root_id"), rs.getString("id"), rs.getString("account_id"),
            SqlTime.read(rs, "expires_at"), SqlTime.read(rs, "used_at")))
        .optional();
  }

  void markLinkUsed(String rootId, String id, Instant at) {
    jdbc.sql("UPDATE portal_links SET used_at = ? WHERE root_id = ? AND id = ? AND used_at IS NULL")
        .params(SqlTime.of(at), rootId, id)
        .update();
  }

  record TokenRow(String rootId, String id, String accountId, String prefix, String remark, Instant createdAt,
      Instant lastUsedAt) {}

  void insertToken(TokenRow t, byte[] sha256) {
    jdbc.sql("""
            INSERT INTO portal_tokens (root_id, id, account_id, prefix, token_sha256, remark, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(t.rootId(), t.id(), t.accountId(), t.prefix(), sha256, t.remark(), SqlTime.of(t.createdAt()))
        .update();
  }

  /** Locks the account's row: token creation counts and inserts under it, so racing creations respect the limit. */
  void lockAccount(String accountId) {
    jdbc.sql("SELECT id FROM accounts WHERE id = ? FOR UPDATE").params(accountId).query(String.class).single();
  }

  int countLiveTokens(String accountId) {
    return jdbc.sql("SELECT count(*) FROM portal_tokens WHERE account_id = ? AND revoked_at IS NULL")
        .params(accountId)
        .query(Integer.class)
        .single();
  }

  List<TokenRow> liveTokens(String accountId, int limit) {
    return jdbc.sql("""
            SELECT * FROM portal_tokens WHERE account_id = ? AND revoked_at IS NULL
             ORDER BY created_at, id LIMIT ?""")
        .params(accountId, limit)
        .query(PortalAccessStore::token)
        .list();
  }

  Optional<TokenRow> liveTokenByHash(byte[] sha256) {
    return jdbc.sql("SELECT * FROM portal_tokens WHERE token_sha256 = ? AND revoked_at IS NULL")
        .params((Object) sha256)
        .query(PortalAccessStore::token)
        .optional();
  }

  boolean tokenExists(String accountId, String id) {
    return jdbc.sql("SELECT count(*) FROM portal_tokens WHERE account_id = ? AND id = ?")
        .params(accountId, id)
        .query(Integer.class)
        .single() > 0;
  }

  void revokeToken(String id, Instant at) {
    jdbc.sql("UPDATE portal_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(SqlTime.of(at), id)
        .update();
  }

  void touchToken(String id, Instant at) {
    jdbc.sql("UPDATE portal_tokens SET last_used_at = ? WHERE id = ?").params(SqlTime.of(at), id).update();
  }

  void insertSession(PortalSession s) {
    jdbc.sql("""
            INSERT INTO portal_sessions (session_sha256, root_id, account_id, csrf_token, source_kind, source_id,
                                         created_at, last_seen_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(s.idSha256(), s.rootId(), s.accountId(), s.csrfToken(), s.sourceKind(), s.sourceId(),
            SqlTime.of(s.createdAt()), SqlTime.of(s.lastSeenAt()))
        .update();
  }

  Optional<PortalSession> liveSession(byte[] sha256) {
    return jdbc.sql("SELECT * FROM portal_sessions WHERE session_sha256 = ? AND ended_at IS NULL")
        .params((Object) sha256)
        .query((rs, n) -> new PortalSession(rs.getBytes("session_sha256"), rs.getString("root_id"),
            rs.getString("account_id"), rs.getString("csrf_token"), rs.getString("source_kind"),
            rs.getString("source_id"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_seen_at")))
        .optional();
  }

  void touchSession(byte[] sha256, Instant at) {
    jdbc.sql("UPDATE portal_sessions SET last_seen_at = ? WHERE session_sha256 = ?")
        .params(SqlTime.of(at), sha256)
        .update();
  }

  void endSession(byte[] sha256, Instant at) {
    jdbc.sql("UPDATE portal_sessions SET ended_at = ? WHERE session_sha256 = ? AND ended_at IS NULL")
        .params(SqlTime.of(at), sha256)
        .update();
  }

  void endSessionsOf(String sourceId, Instant at) {
    jdbc.sql("UPDATE portal_sessions SET ended_at = ? WHERE source_id = ? AND ended_at IS NULL")
        .params(SqlTime.of(at), sourceId)
        .update();
  }

  private static TokenRow token(ResultSet rs, int row) throws SQLException {
    return new TokenRow(rs.getString("root_id"), rs.getString("id"), rs.getString("account_id"),
        rs.getString("prefix"), rs.getString("remark"), SqlTime.read(rs, "created_at"),
        SqlTime.read(rs, "last_used_at"));
  }
}
