package dev.tollgate.core.pricing;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One band of monthly postpaid pricing: units in {@code [previous upTo, upToExclusive)}; an empty
 * {@code upToExclusive} is unbounded and only the last tier may be. {@code flatFeeNanos} is charged
 * once when the month reaches this tier.
 */
public record MonthlyTier(OptionalLong upToExclusive, long unitPriceNanos, long flatFeeNanos) {
  public MonthlyTier {
    Objects.requireNonNull(upToExclusive, "upToExclusive");
  }

  public static MonthlyTier upTo(long upToExclusive, long unitPriceNanos) {
    return new MonthlyTier(OptionalLong.of(upToExclusive), unitPriceNanos, 0);
  }

  public static MonthlyTier upTo(long upToExclusive, long unitPriceNanos, long flatFeeNanos) {
    return new MonthlyTier(OptionalLong.of(upToExclusive), unitPriceNanos, flatFeeNanos);
  }

  public static MonthlyTier unbounded(long unitPriceNanos) {
    return new MonthlyTier(OptionalLong.empty(), unitPriceNanos, 0);
  }

  public static MonthlyTier unbounded(long unitPriceNanos, long flatFeeNanos) {
    return new MonthlyTier(OptionalLong.empty(), unitPriceNanos, flatFeeNanos);
  }

  public boolean unboundedAbove() {
    return upToExclusive.isEmpty();
  }
}
