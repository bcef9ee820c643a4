package dev.tollgate.server.portal;

import dev.tollgate.server.jobs.RecurringJob;
import dev.tollgate.server.store.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code sweep-portal-access}: deletes portal sessions that can no longer be used (ended, idle past
 * {@link PortalSessions#IDLE_TIMEOUT} or open past {@link PortalSessions#ABSOLUTE_TIMEOUT}) and
 * signed links used or expired more than {@link #LINKS_KEPT} ago, so both tables hold what is live
 * rather than every visit ever. Each statement deletes at most {@link #ROWS_PER_ROUND} rows.
 */
@Component
class PortalAccessSweeper implements RecurringJob {
  private static final Logger log = LoggerFactory.getLogger(PortalAccessSweeper.class);
  /** A used or expired link stays a week, so "this link was already used" can still be told apart from a forged one. */
  static final Duration LINKS_KEPT = Duration.ofDays(7);
  static final int ROWS_PER_ROUND = 10_000;

  private final JdbcClient jdbc;
  private final InstantSource clock;

  PortalAccessSweeper(JdbcClient jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "sweep-portal-access";
  }

  @Override
  public Duration interval() {
    return Duration.ofHours(1);
  }

  @Override
  public void run() {
    int deleted = sweepOnce();
    if (deleted > 0) {
      log.info("deleted {} ended portal sessions and old links", deleted);
    }
  }

  int sweepOnce() {
    Instant now = clock.instant();
    int sessions = jdbc.sql("""
            DELETE FROM portal_sessions WHERE ctid IN (
              SELECT ctid FROM portal_sessions
               WHERE ended_at IS NOT NULL OR last_seen_at <= ? OR created_at <= ?
               LIMIT ?)""")
        .params(SqlTime.of(now.minus(PortalSessions.IDLE_TIMEOUT)), SqlTime.of(now.minus(PortalSessions.ABSOLUTE_TIMEOUT)),
            ROWS_PER_ROUND)
        .update();
    Instant linksBefore = now.minus(LINKS_KEPT);
    int links = jdbc.sql("""
            DELETE FROM portal_links WHERE ctid IN (
              SELECT ctid FROM portal_links WHERE (used_at IS NOT NULL AND used_at < ?) OR expires_at < ? LIMIT ?)""")
        .params(SqlTime.of(linksBefore), SqlTime.of(linksBefore), ROWS_PER_ROUND)
        .update();
    return sessions + links;
  }
}
