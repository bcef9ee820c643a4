package dev.tollgate.core.pricing;

import dev.tollgate.core.money.Nanos;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rates one usage event: a pure function of the price version in force, the usage, the composed
 * multiplier and the tool prices. Each component is {@code quantity × rate × multiplier}, rounded
 * half-up once at nano precision; the total is their exact sum. Overflow of a component or of the
 * total throws {@link ArithmeticException}: it is an error, never a wrap.
 */
public final class Rater {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Rater() {}

  /**
   * Rates {@code usage} under {@code version}. {@code multiplier} is the composition of the price
   * group or plan multiplier and the request's service tier ({@link Fraction#times}); tools are
   * priced per call from {@code toolPrices} and not multiplied. A tool without a price is refused
   * as {@code tool_price_missing}.
   */
  public static RatingOutcome rate(
      PriceVersion version, Usage usage, Fraction multiplier, ToolPrices toolPrices) {
    List<RatedComponent> toolComponents = List.of();
    long toolsNanos = 0;
    // Tools first, so that a refusal happens before any work; no tools costs no allocation.
    if (!usage.tools().isEmpty()) {
      toolComponents = new ArrayList<>(usage.tools().size());
      for (Map.Entry<String, Long> tool : usage.tools().entrySet()) {
        long perCallNanos = toolPrices.perCallNanosOf(tool.getKey());
        if (perCallNanos < 0) {
          return Rejection.of(
              PriceRejection.TOOL_PRICE_MISSING, "tool " + tool.getKey() + " has no price");
        }
        long count = tool.getValue();
        long amountNanos = Math.multiplyExact(count, perCallNanos);
        toolComponents.add(
            new RatedComponent("tool:" + tool.getKey(), count, perCallNanos, 1, amountNanos));
        toolsNanos = Math.addExact(toolsNanos, amountNanos);
      }
      toolComponents = List.copyOf(toolComponents);
    }

    PriceTerms terms = version.terms();
    if (terms instanceof PriceTerms.Token token) {
      int tier = token.contextTierIndexFor(usage.inputSizeTokens());
      TokenRates rates = token.ratesAt(tier);
      long basis = Rating.TOKENS_BASIS;
      long inputNanos = component(usage.inputTokens(), rates.inputPer1MNanos(), basis, multiplier);
      long outputNanos = component(usage.outputTokens(), rates.outputPer1MNanos(), basis, multiplier);
      long cacheReadNanos =
          component(usage.cacheReadTokens(), rates.cacheReadPer1MNanos(), basis, multiplier);
      long cacheWriteNanos =
          component(usage.cacheWriteTokens(), rates.cacheWritePer1MNanos(), basis, multiplier);
      long reasoningNanos =
          component(
              usage.reasoningTokens(), rates.reasoningEffectivePer1MNanos(), basis, multiplier);
      long totalNanos =
          Math.addExact(
              Math.addExact(
                  Math.addExact(Math.addExact(inputNanos, outputNanos), cacheReadNanos),
                  Math.addExact(cacheWriteNanos, reasoningNanos)),
              toolsNanos);
      long billableUnits =
          Math.addExact(
              Math.addExact(usage.inputSizeTokens(), usage.outputTokens()), usage.reasoningTokens());
      return new Rating(
          version, usage, multiplier, tier, billableUnits, inputNanos, outputNanos, cacheReadNanos,
          cacheWriteNanos, reasoningNanos, 0, 0, toolComponents, totalNanos);
    }
    long quantity;
    long rateNanos;
    if (terms instanceof PriceTerms.Call call) {
      quantity = effectiveCalls(usage);
      rateNanos = call.perCallNanos();
    } else if (terms instanceof PriceTerms.Second second) {
      quantity = usage.seconds();
      rateNanos = second.perSecondNanos();
    } else if (terms instanceof PriceTerms.Unit unit) {
      quantity = usage.units();
      rateNanos = unit.perUnitNanos();
    } else {
      quantity = effectiveCalls(usage);
      rateNanos = 0;
    }
    long modeNanos = component(quantity, rateNanos, 1, multiplier);
    return new Rating(
        version, usage, multiplier, -1, quantity, 0, 0, 0, 0, 0, quantity, modeNanos,
        toolComponents, Math.addExact(modeNanos, toolsNanos));
  }

  /** A call-mode meter counts one call when the gateway reports none. */
  private static long effectiveCalls(Usage usage) {
    return usage.calls() == 0 ? 1 : usage.calls();
  }

  /**
   * {@code quantity × rate × numerator ÷ (basis × denominator)}, rounded half-up once. The usual
   * case (rate × numerator and basis × denominator fit 63 bits) is one {@link Nanos#mulDivHalfUp},
   * which itself widens to 128 bits for the product with the quantity; otherwise BigInteger.
   */
  static long component(long quantity, long rateNanos, long basis, Fraction multiplier) {
    if (quantity == 0 || rateNanos == 0) {
      return 0;
    }
    long numerator = multiplier.numerator();
    long denominator = multiplier.denominator();
    long scaledRate = rateNanos * numerator;
    long divisor = basis * denominator;
    if (Math.multiplyHigh(rateNanos, numerator) == 0
        && scaledRate >= 0
        && Math.multiplyHigh(basis, denominator) == 0
        && divisor > 0) {
      return Nanos.mulDivHalfUp(quantity, scaledRate, divisor);
    }
    BigInteger product =
        BigInteger.valueOf(quantity)
            .multiply(BigInteger.valueOf(rateNanos))
            .multiply(BigInteger.valueOf(numerator));
    BigInteger wideDivisor = BigInteger.valueOf(basis).multiply(BigInteger.valueOf(denominator));
    BigInteger[] quotientAndRemainder = product.divideAndRemainder(wideDivisor);
    BigInteger quotient = quotientAndRemainder[0];
    // All factors are non-negative, so half-up means: add one when twice the remainder ≥ divisor.
    if (quotientAndRemainder[1].shiftLeft(1).compareTo(wideDivisor) >= 0) {
      quotient = quotient.add(BigInteger.ONE);
    }
    if (quotient.compareTo(LONG_MAX) > 0) {
      throw new ArithmeticException("component amount overflows 64-bit nanos");
    }
    return quotient.longValue();
  }
}
