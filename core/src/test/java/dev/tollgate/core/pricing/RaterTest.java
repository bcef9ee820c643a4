package dev.tollgate.core.pricing;

import static dev.tollgate.core.pricing.Prices.rate;
import static dev.tollgate.core.pricing.Prices.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.money.Nanos;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RaterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                             | input  | output | cache read | cache write | total
          gpt-4o: 1,000 in, 500 out, 2,000 cache reads → 0.01 USD                | 1000   | 500    | 2000       | 0           | 0.01
          gpt-4o: 1M cache writes cost 3.75 USD                                  | 0      | 0      | 0          | 1000000     | 3.75
          gpt-4o: nothing used costs nothing                                     | 0      | 0      | 0          | 0           | 0.00
          gpt-4o: one input token costs 0.0000025 USD                            | 1      | 0      | 0          | 0           | 0.0000025
          """)
  void ratesTokensIncludingCacheReadsAndWrites(
      String scenario, long input, long output, long cacheRead, long cacheWrite, String total) {
    Rating rating = rate(Prices.gpt4o(), Usage.tokens(input, output, cacheRead, cacheWrite));
    assertThat(Nanos.format(rating.totalNanos())).isEqualTo(Nanos.format(Nanos.parse(total)));
    assertThat(rating.billableUnits()).isEqualTo(input + output + cacheRead + cacheWrite);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                                           | input  | cache read | output | tier above | total
          200,000 input tokens are not above 200k: base rates                                  | 200000 | 0          | 1000   |            | 0.26
          200,001 input tokens are above 200k: all rates switch                                | 200001 | 0          | 1000   | 200000     | 0.5150025
          150,000 input + 60,000 cache reads = 210,000 → tier rates for input, cache and output | 150000 | 60000      | 1000   | 200000     | 0.4275
          """)
  void switchesAllRatesOfTheRequestAboveAContextThreshold(
      String scenario, long input, long cacheRead, long output, Long tierAbove, String total) {
    Rating rating = rate(Prices.gemini25Pro(), Usage.tokens(input, output, cacheRead, 0));
    assertThat(rating.totalNanos()).isEqualTo(Nanos.parse(total));
    if (tierAbove == null) {
      assertThat(rating.contextTierIndex()).isEqualTo(-1);
      assertThat(rating.snapshot().contextTierAboveInputTokens()).isEmpty();
    } else {
      assertThat(rating.snapshot().contextTierAboveInputTokens()).hasValue(tierAbove);
    }
  }

  @Test
  void theHighestThresholdExceededWins() {
    PriceVersion version =
        PriceVersion.builder("tiered", "USD", Prices.OCTOBER)
            .token(
                TokenRates.of(usd("1"), usd("1")),
                java.util.List.of(
                    new ContextTier(128_000, TokenRates.of(usd("2"), usd("2"))),
                    new ContextTier(200_000, TokenRates.of(usd("3"), usd("3")))))
            .build()
            .orThrow();
    assertThat(rate(version, Usage.tokens(128_000, 0)).contextTierIndex()).isEqualTo(-1);
    assertThat(rate(version, Usage.tokens(128_001, 0)).contextTierIndex()).isEqualTo(0);
    assertThat(rate(version, Usage.tokens(300_000, 1_000_000)).totalNanos())
        .isEqualTo(usd("0.9") + usd("3"));
  }

  @Test
  void billsReasoningTokensAtTheOutputRateUnlessPricedSeparately() {
    Usage usage = Usage.tokens(0, 1_000_000).withReasoningTokens(1_000_000);
    assertThat(rate(Prices.gpt4o(), usage).totalNanos()).isEqualTo(usd("20.00"));
    PriceVersion separate =
        PriceVersion.builder("o-think", "USD", Prices.OCTOBER)
            .token(TokenRates.of(usd("2.50"), usd("10.00")).withReasoningPer1MNanos(usd("4.00")))
            .build()
            .orThrow();
    Rating rating = rate(separate, usage);
    assertThat(rating.totalNanos()).isEqualTo(usd("14.00"));
    assertThat(rating.billableUnits()).isEqualTo(2_000_000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                          | mode   | calls | seconds | units | total | billable units
          image style transfer at 0.08 USD per call, call count omitted → 1 call | call   | 0     | 0       | 0     | 0.08  | 1
          3 calls at 0.08 USD → 0.24 USD                                     | call   | 3     | 0       | 0     | 0.24  | 3
          90 seconds of transcription at 0.0001 USD per second → 0.009 USD   | second | 0     | 90      | 0     | 0.009 | 90
          3 pictures at 0.04 USD per picture → 0.12 USD                      | unit   | 0     | 0       | 3     | 0.12  | 3
          a free meter costs nothing and counts the call                     | free   | 0     | 0       | 0     | 0     | 1
          """)
  void ratesPerCallPerSecondPerUnitAndFree(
      String scenario, String mode, long calls, long seconds, long units, String total, long billable) {
    PriceVersion.Builder builder = PriceVersion.builder("meter", "USD", Prices.OCTOBER);
    switch (mode) {
      case "call" -> builder.perCall(usd("0.08"));
      case "second" -> builder.perSecond(usd("0.0001"));
      case "unit" -> builder.perUnit("picture", usd("0.04"));
      default -> builder.free();
    }
    Usage usage = new Usage(0, 0, 0, 0, 0, calls, seconds, units, Map.of());
    Rating rating = rate(builder.build().orThrow(), usage);
    assertThat(rating.totalNanos()).isEqualTo(Nanos.parse(total));
    assertThat(rating.billableUnits()).isEqualTo(billable);
    assertThat(rating.version().mode().code()).isEqualTo(mode);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                              | group | service tier | total
          list price                                              | 1/1   | 1/1          | 0.01
          flex halves the price                                   | 1/1   | 1/2          | 0.005
          priority doubles it                                     | 1/1   | 2/1          | 0.02
          price group 0.8 (4/5)                                   | 4/5   | 1/1          | 0.008
          price group 0.8 on flex → 2/5                           | 4/5   | 1/2          | 0.004
          """)
  void multipliesTokenComponentsByTheComposedMultiplier(
      String scenario, String group, String serviceTier, String total) {
    Fraction multiplier =
        Fraction.parse(group).orThrow().times(Fraction.parse(serviceTier).orThrow());
    Rating rating =
        rate(Prices.gpt4o(), Usage.tokens(1000, 500, 2000, 0), multiplier, ToolPrices.NONE);
    assertThat(rating.totalNanos()).isEqualTo(Nanos.parse(total));
    assertThat(rating.snapshot().multiplier()).isEqualTo(multiplier);
  }

  @Test
  void pricesToolCallsPerCallAndDoesNotMultiplyThem() {
    ToolPrices tools = ToolPrices.of(Map.of("web_search", usd("0.01"), "file_search", 0L)).orThrow();
    Usage usage = Usage.tokens(1000, 500, 2000, 0).withTools(Map.of("web_search", 2L, "file_search", 5L));
    Rating rating = rate(Prices.gpt4o(), usage, Fraction.of(1, 2), tools);
    // 0.01 × ½ for tokens, plus 2 × 0.01 for searches at full price; file search is free.
    assertThat(rating.totalNanos()).isEqualTo(usd("0.025"));
    assertThat(rating.components())
        .extracting(RatedComponent::name)
        .containsExactly("input", "output", "cache_read", "cache_write", "reasoning", "tool:file_search", "tool:web_search");
    assertThat(rating.components().get(6)).isEqualTo(new RatedComponent("tool:web_search", 2, usd("0.01"), 1, usd("0.02")));
  }

  @Test
  void refusesAToolWithoutAPriceRatherThanBillingItAtZero() {
    Usage usage = Usage.calls(1).withTools(Map.of("code_interpreter", 1L));
    PriceVersion version = PriceVersion.builder("api", "USD", Prices.OCTOBER).perCall(1).build().orThrow();
    RatingOutcome outcome = Rater.rate(version, usage, Fraction.ONE, ToolPrices.NONE);
    assertThat(outcome).isInstanceOf(Rejection.class);
    assertThat(((Rejection) outcome).code()).isEqualTo("tool_price_missing");
  }

  @Test
  void roundsEachComponentHalfUpOnceAfterTheMultiplier() {
    // 0.000001 USD per 1M tokens = 1,000 nanos per 1M tokens: 500 tokens = 0.5 nano.
    PriceVersion tiny =
        PriceVersion.builder("tiny", "USD", Prices.OCTOBER).token(TokenRates.of(1000, 1000)).build().orThrow();
    assertThat(rate(tiny, Usage.tokens(500, 0)).totalNanos()).isEqualTo(1); // 0.5 rounds up
    assertThat(rate(tiny, Usage.tokens(499, 0)).totalNanos()).isEqualTo(0);
    // With flex ½: 0.25 nano rounds to 0; rounding before the multiplier would give 1.
    assertThat(rate(tiny, Usage.tokens(500, 0), Fraction.of(1, 2), ToolPrices.NONE).totalNanos()).isZero();
    // Each component rounds on its own: 500 input + 500 output = 1 + 1.
    assertThat(rate(tiny, Usage.tokens(500, 500)).totalNanos()).isEqualTo(2);
  }

  @Test
  void staysExactWhenTheRateTimesTheMultiplierPasses63Bits() {
    Fraction odd = Fraction.of(3_000_000_001L, 3_000_000_000L);
    long rateNanos = 4_000_000_000_000L;
    long amount = Rater.component(1_000_000_007L, rateNanos, 1_000_000L, odd);
    BigDecimal exact =
        BigDecimal.valueOf(1_000_000_007L)
            .multiply(BigDecimal.valueOf(rateNanos))
            .multiply(BigDecimal.valueOf(3_000_000_001L))
            .divide(BigDecimal.valueOf(1_000_000L * 3_000_000_000L), 0, RoundingMode.HALF_UP);
    assertThat(amount).isEqualTo(exact.longValueExact());
  }

  @Test
  void throwsOnOverflowInsteadOfWrapping() {
    PriceVersion dear =
        PriceVersion.builder("dear", "USD", Prices.OCTOBER)
            .token(TokenRates.of(6_000_000_000_000_000_000L, 6_000_000_000_000_000_000L))
            .build()
            .orThrow();
    // Each component fits; their sum does not.
    assertThatThrownBy(() -> rate(dear, Usage.tokens(1_000_000, 1_000_000)))
        .isInstanceOf(ArithmeticException.class);
    // One component alone overflows.
    assertThatThrownBy(() -> rate(dear, Usage.tokens(2_000_000, 0)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void snapshotKeepsTheVersionTheRatesAndTheMultiplier() {
    Rating rating =
        rate(Prices.gemini25Pro(), Usage.tokens(250_000, 100), Fraction.of(4, 5), ToolPrices.NONE);
    RateSnapshot snapshot = rating.snapshot();
    assertThat(snapshot.meter()).isEqualTo("gemini-2.5-pro");
    assertThat(snapshot.priceEffectiveAt()).isEqualTo(Prices.OCTOBER);
    assertThat(snapshot.mode()).isEqualTo(PriceMode.TOKEN);
    assertThat(snapshot.contextTierAboveInputTokens()).hasValue(200_000);
    assertThat(snapshot.multiplier()).isEqualTo(Fraction.of(4, 5));
    assertThat(snapshot.components().get(0))
        .isEqualTo(new RatedComponent("input", 250_000, usd("2.50"), 1_000_000, usd("0.5")));
    assertThat(snapshot.totalNanos())
        .isEqualTo(snapshot.components().stream().mapToLong(RatedComponent::amountNanos).sum());
  }
}
