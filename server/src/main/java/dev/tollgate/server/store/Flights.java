package dev.tollgate.server.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Starts {@link Flight}s on the data source's template, so they join the caller's transaction. */
@Component
public class Flights {
  private final JdbcTemplate jdbc;

  public Flights(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Flight start() {
    return new Flight(jdbc, false);
  }

  /**
   * The first flight of a hot-path transaction: its first query makes every later statement of
   * the transaction run a generic plan ({@code plan_cache_mode = force_generic_plan}, reset at the
   * end of the transaction), at no extra round trip. The hot-path writers run the same index-probe
   * statements thousands of times a second with arrays of ids; left to itself PostgreSQL planned
   * the account lock on every execution, because a custom plan for a two-element array always
   * looks cheaper than the generic one (pg_stat_statements: 10,657 plans in 10,657 calls; planning
   * was 40 % of the authorise statements' time; BENCHMARKS.md run 15). Every read of a hot-path
   * batch is written as index probes whose plan does not depend on the values ({@code
   * HotPathPlansTest} checks each one's generic plan); the console's ad-hoc filters keep their
   * custom plans.
   */
  public Flight startWithGenericPlans() {
    return new Flight(jdbc, true);
  }
}
