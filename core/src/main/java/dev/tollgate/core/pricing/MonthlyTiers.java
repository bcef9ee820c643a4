package dev.tollgate.core.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a month's postpaid units of one meter are priced. Bounds are half-open {@code [from, upTo)}:
 * a boundary belongs to the higher tier. The first tier's flat fee is due even at 0 units.
 *
 * <ul>
 *   <li>Volume: the month's total {@code u} falls in the tier with {@code previous upTo ≤ u < upTo};
 *       all {@code u} units take its unit price, plus that tier's flat fee.
 *   <li>Graduated: tier {@code i} prices the units between the previous {@code upTo} and its own;
 *       each tier entered (up to the one {@code u} falls in) adds its flat fee.
 * </ul>
 */
public record MonthlyTiers(TierMode mode, List<MonthlyTier> tiers) {

  public MonthlyTiers {
    Objects.requireNonNull(mode, "mode");
    tiers = List.copyOf(tiers);
    Rejection rejection = check(tiers);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection.code() + ": " + rejection.detail());
    }
  }

  /** Checks tiers from outside; a null mode is refused as {@code tier_mode_missing}. */
  public static Validated<MonthlyTiers> of(TierMode mode, List<MonthlyTier> tiers) {
    if (mode == null) {
      return Validated.invalid(Rejection.of(PriceRejection.TIER_MODE_MISSING, "tierMode is missing"));
    }
    Rejection rejection = check(tiers);
    return rejection == null
        ? Validated.valid(new MonthlyTiers(mode, tiers))
        : Validated.invalid(rejection);
  }

  /** The tier checks, in the order of {@link PriceRejection}; null when the tiers are valid. */
  static Rejection check(List<MonthlyTier> tiers) {
    if (tiers.isEmpty()) {
      return Rejection.of(PriceRejection.TIERS_EMPTY, "monthlyTiers is empty");
    }
    if (tiers.size() > PriceLimits.MONTHLY_TIERS_MAX) {
      return Rejection.of(
          PriceRejection.TOO_MANY_TIERS,
          tiers.size() + " monthly tiers, at most " + PriceLimits.MONTHLY_TIERS_MAX);
    }
    long previousUpTo = 0;
    for (int i = 0; i < tiers.size(); i++) {
      MonthlyTier tier = tiers.get(i);
      if (tier.unitPriceNanos() < 0 || tier.flatFeeNanos() < 0) {
        return Rejection.of(PriceRejection.PRICE_NEGATIVE, "monthly tier " + i + " has a negative price");
      }
      boolean last = i == tiers.size() - 1;
      if (tier.unboundedAbove()) {
        if (!last) {
          return Rejection.of(
              PriceRejection.TIER_UNBOUNDED_NOT_LAST, "monthly tier " + i + " is unbounded");
        }
        continue;
      }
      long upTo = tier.upToExclusive().getAsLong();
      if (upTo <= previousUpTo) {
        return Rejection.of(
            PriceRejection.TIERS_NOT_INCREASING,
            "monthly tier " + i + " ends at " + upTo + ", not above " + previousUpTo);
      }
      previousUpTo = upTo;
      if (last) {
        return Rejection.of(
            PriceRejection.TIERS_LAST_NOT_UNBOUNDED, "the last monthly tier ends at " + upTo);
      }
    }
    return null;
  }

  /** The index of the tier that {@code units} falls in: previous upTo ≤ units < upTo. */
  public int tierIndexFor(long units) {
    requireUnits(units);
    for (int i = 0; i < tiers.size() - 1; i++) {
      if (units < tiers.get(i).upToExclusive().getAsLong()) {
        return i;
      }
    }
    return tiers.size() - 1;
  }

  /** The month's amount for {@code units}; overflow throws {@link ArithmeticException}. */
  public TierQuote price(long units) {
    int reached = tierIndexFor(units);
    MonthlyTier tier = tiers.get(reached);
    long amountNanos;
    if (mode == TierMode.VOLUME) {
      amountNanos = Math.addExact(Math.multiplyExact(units, tier.unitPriceNanos()), tier.flatFeeNanos());
    } else {
      amountNanos = 0;
      long from = 0;
      for (int i = 0; i <= reached; i++) {
        MonthlyTier current = tiers.get(i);
        long to = i < reached ? current.upToExclusive().getAsLong() : units;
        amountNanos = Math.addExact(amountNanos, Math.multiplyExact(to - from, current.unitPriceNanos()));
        amountNanos = Math.addExact(amountNanos, current.flatFeeNanos());
        from = to;
      }
    }
    return new TierQuote(units, amountNanos, reached, tier.unitPriceNanos(), tier.flatFeeNanos());
  }

  /**
   * The month split by tier, for a bill: graduated gives one line per tier entered, volume one line
   * for the tier reached. The amounts sum to {@link #price}'s amount.
   */
  public List<TierLine> lines(long units) {
    int reached = tierIndexFor(units);
    List<TierLine> lines = new ArrayList<>();
    if (mode == TierMode.VOLUME) {
      lines.add(line(reached, units));
      return List.copyOf(lines);
    }
    long from = 0;
    for (int i = 0; i <= reached; i++) {
      long to = i < reached ? tiers.get(i).upToExclusive().getAsLong() : units;
      lines.add(line(i, to - from));
      from = to;
    }
    return List.copyOf(lines);
  }

  private TierLine line(int index, long units) {
    MonthlyTier tier = tiers.get(index);
    long amountNanos =
        Math.addExact(Math.multiplyExact(units, tier.unitPriceNanos()), tier.flatFeeNanos());
    return new TierLine(index, units, tier.unitPriceNanos(), tier.flatFeeNanos(), amountNanos);
  }

  private static void requireUnits(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("monthly units must not be negative: " + units);
    }
  }
}
