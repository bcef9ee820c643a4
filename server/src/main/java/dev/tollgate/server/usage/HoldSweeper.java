package dev.tollgate.server.usage;

import dev.tollgate.server.jobs.RecurringJob;
import dev.tollgate.server.store.SqlTime;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes holds that ended (released or expired) more than {@link #KEEP} ago, so the table holds
 * calls in flight and recent ones rather than all history (usage records keep that). As a {@link
 * RecurringJob} it runs on one node at a time; each round deletes at most {@link
 * #ROWS_PER_ROUND} rows so it never holds locks for long.
 */
@Component
class HoldSweeper implements RecurringJob {
  private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);
  /** An authorise replayed within a day still finds its hold. */
  static final Duration KEEP = Duration.ofDays(1);
  static final int ROWS_PER_ROUND = 10_000;

  private final JdbcClient jdbc;
  private final InstantSource clock;

  HoldSweeper(JdbcClient jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "sweep-ended-holds";
  }

  @Override
  public Duration interval() {
    return Duration.ofMinutes(10);
  }

  @Override
  public void run() {
    int deleted = sweepOnce();
    if (deleted > 0) {
      log.info("deleted {} ended holds", deleted);
    }
  }

  int sweepOnce() {
    var before = SqlTime.of(clock.instant().minus(KEEP));
    return jdbc.sql("""
            DELETE FROM holds WHERE ctid IN (
              SELECT ctid FROM holds
               WHERE (released_at IS NOT NULL AND released_at < ?) OR expires_at < ?
               LIMIT ?)""")
        .params(before, before, ROWS_PER_ROUND)
        .update();
  }
}
