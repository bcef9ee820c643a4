package dev.tollgate.core.credit;

import java.time.Instant;
import java.util.Objects;

/**
 * A call's price as rating computed it: what deduction must pay for.
 *
 * @param units the meter's billable units of this call (tokens, calls, seconds, pictures)
 * @param amountNanos the list price after multipliers
 */
public record RatedCharge(String meter, Instant occurredAt, long units, long amountNanos) {
  public RatedCharge {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (units < 0 || amountNanos < 0) {
      throw new IllegalArgumentException("a charge is never negative: " + units + ", " + amountNanos);
    }
  }
}
