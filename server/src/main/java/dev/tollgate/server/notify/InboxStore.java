package dev.tollgate.server.notify;

import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for an account's in-app inbox; its rows are written by the dispatcher's fan-out. */
@Repository
class InboxStore {
  private final JdbcClient jdbc;

  InboxStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record InboxNotice(long noticeId, String kind, String payloadJson, Instant occurredAt, Instant createdAt, Instant readAt) {}

  /** Newest first, before the notice id {@code beforeId}; only unread ones when asked. */
  List<InboxNotice> list(String accountId, boolean unreadOnly, Long beforeId, int limit) {
    return jdbc.sql("""
            SELECT i.outbox_id, o.kind, o.payload::text AS payload, o.occurred_at, i.created_at, i.read_at
              FROM notification_inbox i JOIN outbox o ON o.root_id = i.root_id AND o.id = i.outbox_id
             WHERE i.account_id = :account
               AND (NOT :unread OR i.read_at IS NULL)
               AND (CAST(:before AS bigint) IS NULL OR i.outbox_id < :before)
             ORDER BY i.outbox_id DESC
             LIMIT :limit""")
        .param("account", accountId)
        .param("unread", unreadOnly)
        .param("before", beforeId, java.sql.Types.BIGINT)
        .param("limit", limit)
        .query((rs, i) -> new InboxNotice(
            rs.getLong("outbox_id"), rs.getString("kind"), rs.getString("payload"), SqlTime.read(rs, "occurred_at"),
            SqlTime.read(rs, "created_at"), SqlTime.read(rs, "read_at")))
        .list();
  }

  /**
   * Marks a notice read (the first read time stays); returns false if the account has no such
   * notice.
   */
  boolean markRead(String accountId, long noticeId, Instant now) {
    return jdbc.sql("""
            UPDATE notification_inbox SET read_at = COALESCE(read_at, :now)
             WHERE account_id = :account AND outbox_id = :notice""")
        .param("now", SqlTime.of(now))
        .param("account", accountId)
        .param("notice", noticeId)
        .update() == 1;
  }
}
