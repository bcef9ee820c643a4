package dev.tollgate.core.billing;

import java.time.Instant;
import java.util.Objects;

/** The instants a billed month covers, half-open: {@code [start, endExclusive)}. */
public record BillingPeriod(Instant start, Instant endExclusive) {
  public BillingPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(endExclusive, "endExclusive");
    if (!endExclusive.isAfter(start)) {
      throw new IllegalArgumentException("a period ends after it starts: " + start + " .. " + endExclusive);
    }
  }

  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(endExclusive);
  }

  /** Whether the period is over at {@code now}: its usage is complete and it can be billed. */
  public boolean endedAt(Instant now) {
    return !now.isBefore(endExclusive);
  }
}
