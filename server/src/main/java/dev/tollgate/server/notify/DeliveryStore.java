package dev.tollgate.server.notify;

import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the delivery log and the inbox it fills. Callers own the transaction unless told. */
@Repository
class DeliveryStore {
  private static final String COLUMNS = """
      d.id, d.root_id, d.account_id, d.outbox_id, o.kind, d.channel, d.target, d.status, d.attempts,
      d.next_attempt_at, d.last_error, d.last_status_code, d.created_at, d.updated_at""";

  private final JdbcClient jdbc;

  DeliveryStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Turns up to {@code limit} new outbox notices into deliveries, one per channel on for the
   * notice's account (its override, else the platform's), fills the inbox, and marks the notices
   * dispatched — one statement. Notices another node is fanning out are skipped (SKIP LOCKED);
   * the unique (root_id, outbox_id, channel) makes a repeat harmless. Returns how many notices it took.
   *
   * <p>A webhook needs a URL (the account's, else the platform's); an e-mail needs recipients (the
   * account's, else the platform's). An inbox delivery is sent as it is written.
   */
  int fanOut(Instant now, int limit) {
    return jdbc.sql("""
            WITH batch AS (
              SELECT o.id, o.root_id, o.account_id FROM outbox o
               WHERE o.dispatched_at IS NULL
               ORDER BY o.id
               LIMIT :limit
                 FOR UPDATE SKIP LOCKED
            ), settings AS (
              SELECT b.id, b.root_id, b.account_id,
                     COALESCE(s.webhook_enabled, p.webhook_enabled) AS webhook_on,
                     COALESCE(s.webhook_url, p.webhook_url) AS webhook_url,
                     COALESCE(s.email_enabled, p.email_enabled) AS email_on,
                     array_to_string(COALESCE(s.email_recipients, p.email_recipients), ',') AS email_to,
                     COALESCE(s.inbox_enabled, p.inbox_enabled) AS inbox_on
                FROM batch b
               CROSS JOIN notification_settings p
                LEFT JOIN account_notification_settings s ON s.root_id = b.root_id AND s.account_id = b.account_id
               WHERE p.id = 1
            ), deliveries AS (
              INSERT INTO notification_deliveries (root_id, account_id, outbox_id, channel, target, status, attempts,
                                                   next_attempt_at, created_at, updated_at)
              SELECT root_id, account_id, id, 'webhook', webhook_url, 'pending', 0, :now, :now, :now
                FROM settings WHERE webhook_on AND webhook_url IS NOT NULL
              UNION ALL
              SELECT root_id, account_id, id, 'email', email_to, 'pending', 0, :now, :now, :now
                FROM settings WHERE email_on AND email_to <> ''
              UNION ALL
              SELECT root_id, account_id, id, 'inbox', account_id, 'sent', 1, NULL, :now, :now
                FROM settings WHERE inbox_on
              ON CONFLICT (root_id, outbox_id, channel) DO NOTHING
            ), inbox AS (
              INSERT INTO notification_inbox (root_id, account_id, outbox_id, created_at)
              SELECT root_id, account_id, id, :now FROM settings WHERE inbox_on
              ON CONFLICT DO NOTHING
            )
            UPDATE outbox SET dispatched_at = :now WHERE (root_id, id) IN (SELECT root_id, id FROM batch)""")
        .param("now", SqlTime.of(now))
        .param("limit", limit)
        .update();
  }

  /**
   * Claims up to {@code limit} due deliveries for one attempt each and commits at once (the caller
   * runs it outside a transaction): the attempt is counted and {@code next_attempt_at} pushed to
   * {@code leaseUntil}, so another node's claim skips them while they are being sent, and a node
   * that dies mid-send leaves them to be tried again after the lease.
   */
  List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
    return jdbc.sql("""
            UPDATE notification_deliveries d
               SET attempts = d.attempts + 1, next_attempt_at = :lease, updated_at = :now
              FROM (SELECT id FROM notification_deliveries
                     WHERE status IN ('pending', 'failed') AND next_attempt_at <= :now
                     ORDER BY next_attempt_at, id
                     LIMIT :limit
                       FOR UPDATE SKIP LOCKED) due,
                   outbox o
             WHERE d.id = due.id AND o.root_id = d.root_id AND o.id = d.outbox_id
            RETURNING d.id, d.root_id, d.account_id, d.channel, d.target, d.attempts, o.id AS outbox_id, o.kind,
                      o.payload::text AS payload, o.occurred_at""")
        .param("now", SqlTime.of(now))
        .param("lease", SqlTime.of(leaseUntil))
        .param("limit", limit)
        .query((rs, i) -> new ClaimedDelivery(
            rs.getLong("id"), rs.getString("root_id"), rs.getString("account_id"), rs.getString("channel"),
            rs.getString("target"), rs.getInt("attempts"), rs.getLong("outbox_id"), rs.getString("kind"),
            rs.getString("payload"), SqlTime.read(rs, "occurred_at")))
        .list();
  }

  /**
   * Records the outcome of an attempt, unless the row moved on meanwhile (an operator's retry reset
   * its attempts): {@code status} is sent, failed (tried again at {@code nextAttemptAt}) or dead.
   */
  void recordAttempt(long id, int attempt, String status, Instant nextAttemptAt, String error, Integer statusCode, Instant now) {
    jdbc.sql("""
            UPDATE notification_deliveries
               SET status = :status, next_attempt_at = :next, last_error = :error, last_status_code = :code, updated_at = :now
             WHERE id = :id AND attempts = :attempt AND status IN ('pending', 'failed')""")
        .param("status", status)
        .param("next", SqlTime.of(nextAttemptAt))
        .param("error", error)
        .param("code", statusCode)
        .param("now", SqlTime.of(now))
        .param("id", id)
        .param("attempt", attempt)
        .update();
  }

  Optional<Delivery> lock(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification_deliveries d JOIN outbox o ON o.root_id = d.root_id AND o.id = d.outbox_id"
            + " WHERE d.id = :id FOR UPDATE OF d")
        .param("id", id)
        .query(DeliveryStore::map)
        .optional();
  }

  /** Makes a failed or dead delivery due now with a fresh schedule. */
  void requeue(long id, Instant now) {
    jdbc.sql("""
            UPDATE notification_deliveries
               SET status = 'pending', attempts = 0, next_attempt_at = :now, updated_at = :now
             WHERE id = :id""")
        .param("now", SqlTime.of(now))
        .param("id", id)
        .update();
  }

  /** The log newest first, after the delivery id {@code beforeId}; optionally one account's, one status. */
  List<Delivery> list(String accountId, String status, Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder(
        "SELECT " + COLUMNS + " FROM notification_deliveries d JOIN outbox o ON o.root_id = d.root_id AND o.id = d.outbox_id WHERE true");
    if (accountId != null) {
      sql.append(" AND d.account_id = :account");
    }
    if (status != null) {
      sql.append(" AND d.status = :status");
    }
    if (beforeId != null) {
      sql.append(" AND d.id < :before");
    }
    sql.append(" ORDER BY d.id DESC LIMIT :limit");
    JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("limit", limit);
    if (accountId != null) {
      spec = spec.param("account", accountId);
    }
    if (status != null) {
      spec = spec.param("status", status);
    }
    if (beforeId != null) {
      spec = spec.param("before", beforeId);
    }
    return spec.query(DeliveryStore::map).list();
  }

  private static Delivery map(ResultSet rs, int row) throws SQLException {
    return new Delivery(
        rs.getLong("id"), rs.getString("root_id"), rs.getString("account_id"), rs.getLong("outbox_id"),
        rs.getString("kind"), rs.getString("channel"), rs.getString("target"), rs.getString("status"),
        rs.getInt("attempts"), SqlTime.read(rs, "next_attempt_at"), rs.getString("last_error"),
        (Integer) rs.getObject("last_status_code"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"));
  }
}
