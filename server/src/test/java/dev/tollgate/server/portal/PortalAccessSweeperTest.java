package dev.tollgate.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.ServerTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sweeper deletes portal sessions that can no longer be used and week-old spent links, nothing live. */
class PortalAccessSweeperTest extends ServerTest {
  private static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");

  @Autowired PortalAccessSweeper sweeper;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void backToTheSystemClock() {
    api().delete("/v1/test/clock");
  }

  private void session(String account, String id, Instant created, Instant lastSeen, Instant ended) {
    jdbc.sql("""
            INSERT INTO portal_sessions (session_sha256, root_id, account_id, csrf_token, source_kind, source_id,
                                         created_at, last_seen_at, ended_at)
            VALUES (sha256(convert_to(?, 'UTF8')), ?, ?, 'csrf', 'link', ?, ?, ?, ?)""")
        .params(id, account, account, id, Timestamp.from(created), Timestamp.from(lastSeen),
            ended == null ? null : Timestamp.from(ended))
        .update();
  }

  private void link(String account, String id, Instant created, Instant expires, Instant used) {
    jdbc.sql("""
            INSERT INTO portal_links (root_id, id, account_id, token_sha256, created_at, expires_at, used_at)
            VALUES (?, ?, ?, sha256(convert_to(?, 'UTF8')), ?, ?, ?)""")
        .params(account, id, account, id, Timestamp.from(created), Timestamp.from(expires),
            used == null ? null : Timestamp.from(used))
        .update();
  }

  private List<String> left(String table, String idColumn, String account) {
    return jdbc.sql("SELECT " + idColumn + " FROM " + table + " WHERE account_id = ? ORDER BY 1")
        .params(account).query(String.class).list();
  }

  @Test
  void deletesEndedIdleAndWornOutSessionsAndLinksSpentAWeekAgo() {
    String account = uniqueId("swept");
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + account + "\",\"name\":\"S\"}").status()).isEqualTo(201);
    Duration idle = PortalSessions.IDLE_TIMEOUT;
    session(account, "live", NOW.minus(Duration.ofHours(1)), NOW.minus(idle).plusSeconds(1), null);
    session(account, "idle", NOW.minus(Duration.ofHours(1)), NOW.minus(idle), null);
    session(account, "worn-out", NOW.minus(PortalSessions.ABSOLUTE_TIMEOUT), NOW, null);
    session(account, "signed-out", NOW.minus(Duration.ofMinutes(5)), NOW, NOW.minus(Duration.ofMinutes(1)));
    Duration kept = PortalAccessSweeper.LINKS_KEPT;
    link(account, "unused", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), null);
    link(account, "used-lately", NOW.minus(kept), NOW.plus(Duration.ofDays(1)), NOW.minus(kept).plusSeconds(1));
    link(account, "used-long-ago", NOW.minus(kept).minusSeconds(10), NOW.plus(Duration.ofDays(1)), NOW.minus(kept).minusSeconds(1));
    link(account, "expired-long-ago", NOW.minus(kept).minusSeconds(20), NOW.minus(kept).minusSeconds(1), null);
    assertThat(api().put("/v1/test/clock", "{\"now\":\"" + NOW + "\"}").status()).isEqualTo(200);

    sweeper.run();
    sweeper.run();

    assertThat(jdbc.sql("SELECT source_id FROM portal_sessions WHERE account_id = ?").params(account)
        .query(String.class).list()).containsExactly("live");
    assertThat(left("portal_links", "id", account)).containsExactly("unused", "used-lately");
  }
}
