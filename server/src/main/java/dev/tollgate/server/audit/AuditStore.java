package dev.tollgate.server.audit;

import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code audit_events} table: append, and list newest first with keyset paging. */
@Component
class AuditStore {
  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  record NewEvent(Instant occurredAt, String actor, String action, String method, String path, String target,
      int status, String detailsJson) {}

  void append(NewEvent e) {
    jdbc.sql("""
            INSERT INTO audit_events (occurred_at, actor, action, method, path, target, status, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
        .params(SqlTime.of(e.occurredAt()), e.actor(), e.action(), e.method(), e.path(), e.target(), e.status(),
            e.detailsJson())
        .update();
  }

  /** Filters are exact matches; {@code [from, to)} on occurred_at; rows strictly after the cursor's. */
  List<AuditEvent> list(String actor, String action, String target, Instant from, Instant to,
      Instant beforeAt, Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE true");
    List<Object> params = new ArrayList<>();
    if (actor != null) {
      sql.append(" AND actor = ?");
      params.add(actor);
    }
    if (action != null) {
      sql.append(" AND action = ?");
      params.add(action);
    }
    if (target != null) {
      sql.append(" AND target = ?");
      params.add(target);
    }
    if (from != null) {
      sql.append(" AND occurred_at >= ?");
      params.add(SqlTime.of(from));
    }
    if (to != null) {
      sql.append(" AND occurred_at < ?");
      params.add(SqlTime.of(to));
    }
    if (beforeAt != null) {
      sql.append(" AND (occurred_at, id) < (?, ?)");
      params.add(SqlTime.of(beforeAt));
      params.add(beforeId);
    }
    sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new AuditEvent(
        rs.getLong("id"), SqlTime.read(rs, "occurred_at"), rs.getString("actor"), rs.getString("action"),
        rs.getString("method"), rs.getString("path"), rs.getString("target"), rs.getInt("status"),
        json.readTree(rs.getString("details")))).list();
  }
}
