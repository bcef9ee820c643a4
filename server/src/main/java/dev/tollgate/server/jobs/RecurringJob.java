package dev.tollgate.server.jobs;

import java.time.Duration;

/**
 * Work that time makes due: expiries, allowances, bills, notifications. A job catches up to the
 * business clock's now each time it runs and must be idempotent (running it twice, or on two
 * nodes, changes nothing the second time), so a late, repeated or missed run is always safe.
 */
public interface RecurringJob {
  /** Stable name: it is the job's row in {@code scheduled_tasks}. */
  String name();

  /** Wall-clock time between the end of one run and the start of the next. */
  Duration interval();

  void run();
}
