package dev.tollgate.core.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One version of a meter's price, in force from {@code effectiveAt} until the next version of the
 * same meter. A record, so equality is by value: a price exported and re-imported equals the
 * original, and a usage record's snapshot can be compared with the version it came from.
 *
 * <p>Build from outside input with {@link #builder}, which returns a {@link Rejection} as a value;
 * the canonical constructor runs the same checks and throws, because an invalid version built by
 * our own code is a bug.
 */
public record PriceVersion(
    String meter,
    String currency,
    Instant effectiveAt,
    PriceTerms terms,
    Optional<MonthlyTiers> monthlyTiers,
    OptionalInt concurrencyDefault) {

  // Currency codes: ISO 4217 ("USD") or a platform's credit unit ("credits", "PU").
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}");

  public PriceVersion {
    Objects.requireNonNull(monthlyTiers, "monthlyTiers");
    Objects.requireNonNull(concurrencyDefault, "concurrencyDefault");
    Rejection rejection = check(meter, currency, effectiveAt, terms, concurrencyDefault);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection.code() + ": " + rejection.detail());
    }
  }

  public static Builder builder(String meter, String currency, Instant effectiveAt) {
    return new Builder(meter, currency, effectiveAt);
  }

  public PriceMode mode() {
    return terms.mode();
  }

  /** The checks in the order of {@link PriceRejection}; null when the version is valid. */
  static Rejection check(
      String meter,
      String currency,
      Instant effectiveAt,
      PriceTerms terms,
      OptionalInt concurrencyDefault) {
    if (meter == null || meter.isBlank() || meter.length() > PriceLimits.METER_LENGTH_MAX) {
      return Rejection.of(PriceRejection.METER_INVALID, "meter is \"" + meter + "\"");
    }
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      return Rejection.of(PriceRejection.CURRENCY_INVALID, "currency is \"" + currency + "\"");
    }
    if (effectiveAt == null) {
      return Rejection.of(PriceRejection.EFFECTIVE_AT_MISSING, "effectiveAt is missing");
    }
    if (terms == null) {
      return Rejection.of(PriceRejection.MODE_MISSING, "mode is missing");
    }
    Rejection termsRejection = checkTerms(terms);
    if (termsRejection != null) {
      return termsRejection;
    }
    if (concurrencyDefault.isPresent()
        && (concurrencyDefault.getAsInt() < 1
            || concurrencyDefault.getAsInt() > PriceLimits.CONCURRENCY_DEFAULT_MAX)) {
      return Rejection.of(
          PriceRejection.CONCURRENCY_DEFAULT_INVALID,
          "concurrencyDefault is " + concurrencyDefault.getAsInt());
    }
    return null;
  }

  private static Rejection checkTerms(PriceTerms terms) {
    if (terms instanceof PriceTerms.Token token) {
      if (token.rates().anyNegative()) {
        return Rejection.of(PriceRejection.PRICE_NEGATIVE, "a token rate is negative");
      }
      List<ContextTier> tiers = token.contextTiers();
      for (int i = 0; i < tiers.size(); i++) {
        if (tiers.get(i).rates().anyNegative()) {
          return Rejection.of(
              PriceRejection.PRICE_NEGATIVE, "a rate of context tier " + i + " is negative");
        }
      }
      if (tiers.size() > PriceLimits.CONTEXT_TIERS_MAX) {
        return Rejection.of(
            PriceRejection.TOO_MANY_CONTEXT_TIERS,
            tiers.size() + " context tiers, at most " + PriceLimits.CONTEXT_TIERS_MAX);
      }
      long previous = -1;
      for (int i = 0; i < tiers.size(); i++) {
        long above = tiers.get(i).aboveInputTokens();
        if (above <= previous) {
          return Rejection.of(
              PriceRejection.CONTEXT_TIERS_NOT_INCREASING,
              "context tier " + i + " starts above " + above + " tokens, not above " + previous);
        }
        previous = above;
      }
      return null;
    }
    if (terms instanceof PriceTerms.Call call) {
      return negative(call.perCallNanos(), "perCall");
    }
    if (terms instanceof PriceTerms.Second second) {
      return negative(second.perSecondNanos(), "perSecond");
    }
    if (terms instanceof PriceTerms.Unit unit) {
      Rejection rejection = negative(unit.perUnitNanos(), "perUnit");
      if (rejection != null) {
        return rejection;
      }
      if (unit.unitName() == null || unit.unitName().isBlank()) {
        return Rejection.of(PriceRejection.UNIT_NAME_MISSING, "unitName is missing");
      }
      if (unit.unitName().length() > PriceLimits.UNIT_NAME_LENGTH_MAX) {
        return Rejection.of(
            PriceRejection.UNIT_NAME_TOO_LONG,
            "unitName has " + unit.unitName().length() + " characters");
      }
    }
    return null;
  }

  private static Rejection negative(long nanos, String field) {
    return nanos < 0 ? Rejection.of(PriceRejection.PRICE_NEGATIVE, field + " is negative") : null;
  }

  /** Collects a price version from outside input; {@link #build} checks it. Not thread-safe. */
  public static final class Builder {
    private final String meter;
    private final String currency;
    private final Instant effectiveAt;
    private PriceTerms terms;
    private boolean monthlyTiersGiven;
    private TierMode tierMode;
    private List<MonthlyTier> monthlyTiers = List.of();
    private OptionalInt concurrencyDefault = OptionalInt.empty();

    private Builder(String meter, String currency, Instant effectiveAt) {
      this.meter = meter;
      this.currency = currency;
      this.effectiveAt = effectiveAt;
    }

    public Builder terms(PriceTerms terms) {
      this.terms = terms;
      return this;
    }

    public Builder token(TokenRates rates) {
      return terms(PriceTerms.Token.of(rates));
    }

    public Builder token(TokenRates rates, List<ContextTier> contextTiers) {
      return terms(new PriceTerms.Token(rates, contextTiers));
    }

    public Builder perCall(long perCallNanos) {
      return terms(new PriceTerms.Call(perCallNanos));
    }

    public Builder perSecond(long perSecondNanos) {
      return terms(new PriceTerms.Second(perSecondNanos));
    }

    public Builder perUnit(String unitName, long perUnitNanos) {
      return terms(new PriceTerms.Unit(unitName, perUnitNanos));
    }

    public Builder free() {
      return terms(new PriceTerms.Free());
    }

    /** Monthly tiers for postpaid units; a null mode is refused as {@code tier_mode_missing}. */
    public Builder monthlyTiers(TierMode tierMode, List<MonthlyTier> tiers) {
      this.monthlyTiersGiven = true;
      this.tierMode = tierMode;
      this.monthlyTiers = List.copyOf(tiers);
      return this;
    }

    public Builder concurrencyDefault(int concurrencyDefault) {
      this.concurrencyDefault = OptionalInt.of(concurrencyDefault);
      return this;
    }

    public Validated<PriceVersion> build() {
      Rejection rejection = check(meter, currency, effectiveAt, terms, OptionalInt.empty());
      if (rejection != null) {
        return Validated.invalid(rejection);
      }
      Optional<MonthlyTiers> tiers = Optional.empty();
      if (monthlyTiersGiven) {
        Validated<MonthlyTiers> checked = MonthlyTiers.of(tierMode, monthlyTiers);
        if (checked instanceof Validated.Invalid<MonthlyTiers> invalid) {
          return Validated.invalid(invalid.rejection());
        }
        tiers = Optional.of(((Validated.Valid<MonthlyTiers>) checked).value());
      }
      rejection = check(meter, currency, effectiveAt, terms, concurrencyDefault);
      if (rejection != null) {
        return Validated.invalid(rejection);
      }
      return Validated.valid(
          new PriceVersion(meter, currency, effectiveAt, terms, tiers, concurrencyDefault));
    }
  }
}
