package dev.tollgate.server.clock;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one source of time for every rule and job. In production it is the system clock. With
 * {@code TOLLGATE_TEST_CLOCK=true} an operator or a test can set it: after {@link #set} time stands
 * still at that instant until set again, so time-travel tests see exactly the instants they chose.
 */
public final class TollgateClock implements InstantSource {
  private final InstantSource system;
  private final boolean settable;
  private final AtomicReference<Instant> fixed = new AtomicReference<>();

  public TollgateClock(InstantSource system, boolean settable) {
    this.system = system;
    this.settable = settable;
  }

  /**
   * Now, truncated to microseconds: PostgreSQL keeps timestamps to the microsecond, so an instant
   * that is returned to a client and stored must already be at that resolution to read back equal.
   */
  @Override
  public Instant instant() {
    Instant now = fixed.get();
    return (now != null ? now : system.instant()).truncatedTo(ChronoUnit.MICROS);
  }

  public boolean settable() {
    return settable;
  }

  /** Whether time is frozen at a set instant. */
  public boolean isFixed() {
    return fixed.get() != null;
  }

  public void set(Instant now) {
    if (!settable) {
      throw new IllegalStateException("the test clock is disabled (TOLLGATE_TEST_CLOCK is not true)");
    }
    fixed.set(now.truncatedTo(ChronoUnit.MICROS));
  }

  /** Back to the system clock. */
  public void reset() {
    if (!settable) {
      throw new IllegalStateException("the test clock is disabled (TOLLGATE_TEST_CLOCK is not true)");
    }
    fixed.set(null);
  }
}
