package dev.tollgate.core.billing;

import dev.tollgate.core.pricing.MonthlyTiers;
import java.util.Objects;
import java.util.Optional;

/**
 * One meter's postpaid usage of one account in one month: the units that went to postpaid, the
 * amount settle accrued for them at each call's list price, and the meter's monthly tiers if it
 * has any (the price version in force at the end of the month).
 */
public record MeterMonth(String meter, long postpaidUnits, long accruedNanos, Optional<MonthlyTiers> tiers) {
  public MeterMonth {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(tiers, "tiers");
    if (postpaidUnits < 0 || accruedNanos < 0) {
      throw new IllegalArgumentException("postpaid usage of " + meter + " is negative");
    }
  }
}
