package dev.tollgate.core.pricing;

import dev.tollgate.core.money.Nanos;
import java.time.Instant;
import java.util.List;

/** Price versions used across the tests, written in the words of price pages. */
final class Prices {
  static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");

  private Prices() {}

  /** "2.50 USD per 1M input tokens" → nanos per 1M tokens. */
  static long usd(String amount) {
    return Nanos.parse(amount);
  }

  /** input 2.50, output 10.00, cache read 1.25, cache write 3.75 USD per 1M tokens. */
  static PriceVersion gpt4o() {
    return PriceVersion.builder("gpt-4o", "USD", OCTOBER)
        .token(TokenRates.of(usd("2.50"), usd("10.00"), usd("1.25"), usd("3.75")))
        .build()
        .orThrow();
  }

  /** A 200k-threshold model: above 200k input tokens every rate switches. */
  static PriceVersion gemini25Pro() {
    return PriceVersion.builder("gemini-2.5-pro", "USD", OCTOBER)
        .token(
            TokenRates.of(usd("1.25"), usd("10.00"), usd("0.31"), usd("1.25")),
            List.of(
                new ContextTier(
                    200_000, TokenRates.of(usd("2.50"), usd("15.00"), usd("0.625"), usd("2.50")))))
        .build()
        .orThrow();
  }

  static Rating rate(PriceVersion version, Usage usage) {
    return rate(version, usage, Fraction.ONE, ToolPrices.NONE);
  }

  static Rating rate(PriceVersion version, Usage usage, Fraction multiplier, ToolPrices tools) {
    RatingOutcome outcome = Rater.rate(version, usage, multiplier, tools);
    if (outcome instanceof Rejection rejection) {
      throw new AssertionError("refused: " + rejection);
    }
    return (Rating) outcome;
  }
}
