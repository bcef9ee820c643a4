package dev.tollgate.core.pricing;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a usage record keeps of its rating, so that it can be explained after prices change: the
 * version used (meter, currency, effective time), the context tier applied (its threshold, empty
 * for the base rates), the multiplier, and the breakdown with the rates used.
 */
public record RateSnapshot(
    String meter,
    String currency,
    Instant priceEffectiveAt,
    PriceMode mode,
    OptionalLong contextTierAboveInputTokens,
    Fraction multiplier,
    List<RatedComponent> components,
    long billableUnits,
    long totalNanos) {

  public RateSnapshot {
    components = List.copyOf(components);
  }
}
