package dev.tollgate.server.console;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OperatorStore {
  private final JdbcClient jdbc;

  OperatorStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean insertIfAbsent(Operator o, byte[] tokenSha256) {
    return jdbc.sql("""
            INSERT INTO operators (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO NOTHING""")
        .params(o.name(), o.role().code(), tokenSha256, SqlTime.of(o.createdAt())).update() == 1;
  }

  Optional<Operator> find(String name) {
    return jdbc.sql("SELECT * FROM operators WHERE name = ?").param(name).query(OperatorStore::map).optional();
  }

  /** The enabled operator whose token hashes to {@code sha256} (the column is unique and indexed). */
  Optional<Operator> findEnabledByToken(byte[] sha256) {
    return jdbc.sql("SELECT * FROM operators WHERE token_sha256 = ? AND disabled_at IS NULL")
        .param(sha256).query(OperatorStore::map).optional();
  }

  List<Operator> list(int limit) {
    return jdbc.sql("SELECT * FROM operators ORDER BY name LIMIT ?").param(limit).query(OperatorStore::map).list();
  }

  long count() {
    return jdbc.sql("SELECT count(*) FROM operators").query(Long.class).single();
  }

  void setRole(String name, Role role) {
    jdbc.sql("UPDATE operators SET role = ? WHERE name = ?").params(role.code(), name).update();
  }

  void disable(String name, Instant at) {
    jdbc.sql("UPDATE operators SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL")
        .params(SqlTime.of(at), name).update();
  }

  private static Operator map(ResultSet rs, int row) throws SQLException {
    return new Operator(rs.getString("name"), Role.of(rs.getString("role")).orElseThrow(),
        SqlTime.read(rs, "created_at"), SqlTime.read(rs, "disabled_at"));
  }
}
