package dev.tollgate.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection code, each from the smallest input that earns it; limits at and one past. */
class RejectionCodesTest {
  private static final Instant AT = Prices.OCTOBER;

  private static PriceVersion.Builder price() {
    return PriceVersion.builder("gpt-4o", "USD", AT).perCall(1);
  }

  private static List<ContextTier> contextTiers(int count) {
    List<ContextTier> tiers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tiers.add(new ContextTier(100_000L * (i + 1), TokenRates.of(2, 2)));
    }
    return tiers;
  }

  private static List<MonthlyTier> monthlyTiers(int count) {
    List<MonthlyTier> tiers = new ArrayList<>();
    for (int i = 0; i < count - 1; i++) {
      tiers.add(MonthlyTier.upTo(1000L * (i + 1), 10));
    }
    tiers.add(MonthlyTier.unbounded(5));
    return tiers;
  }

  private static Map<String, Long> tools(int count) {
    Map<String, Long> tools = new HashMap<>();
    for (int i = 0; i < count; i++) {
      tools.put("tool_" + i, 1L);
    }
    return tools;
  }

  private static Rejection rejection(Validated<?> validated) {
    assertThat(validated).isInstanceOf(Validated.Invalid.class);
    return ((Validated.Invalid<?>) validated).rejection();
  }

  private static Rejection rated(Usage usage) {
    RatingOutcome outcome = Rater.rate(price().build().orThrow(), usage, Fraction.ONE, ToolPrices.NONE);
    assertThat(outcome).isInstanceOf(Rejection.class);
    return (Rejection) outcome;
  }

  static Stream<Arguments> scenarios() {
    Map<PriceRejection, Supplier<Rejection>> cases = new EnumMap<>(PriceRejection.class);
    cases.put(PriceRejection.METER_INVALID, () -> rejection(PriceVersion.builder(" ", "USD", AT).free().build()));
    cases.put(PriceRejection.CURRENCY_INVALID, () -> rejection(PriceVersion.builder("m", "US D", AT).free().build()));
    cases.put(PriceRejection.EFFECTIVE_AT_MISSING, () -> rejection(PriceVersion.builder("m", "USD", null).free().build()));
    cases.put(PriceRejection.MODE_MISSING, () -> rejection(PriceVersion.builder("m", "USD", AT).build()));
    cases.put(PriceRejection.PRICE_NEGATIVE, () -> rejection(PriceVersion.builder("m", "USD", AT).perSecond(-1).build()));
    cases.put(PriceRejection.UNIT_NAME_MISSING, () -> rejection(PriceVersion.builder("m", "USD", AT).perUnit(" ", 1).build()));
    cases.put(PriceRejection.UNIT_NAME_TOO_LONG, () -> rejection(PriceVersion.builder("m", "USD", AT).perUnit("x".repeat(33), 1).build()));
    cases.put(PriceRejection.TOO_MANY_CONTEXT_TIERS, () -> rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), contextTiers(9)).build()));
    cases.put(PriceRejection.CONTEXT_TIERS_NOT_INCREASING, () -> rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), List.of(contextTiers(2).get(1), contextTiers(2).get(0))).build()));
    cases.put(PriceRejection.TIER_MODE_MISSING, () -> rejection(price().monthlyTiers(null, monthlyTiers(2)).build()));
    cases.put(PriceRejection.TIERS_EMPTY, () -> rejection(price().monthlyTiers(TierMode.VOLUME, List.of()).build()));
    cases.put(PriceRejection.TOO_MANY_TIERS, () -> rejection(price().monthlyTiers(TierMode.VOLUME, monthlyTiers(17)).build()));
    cases.put(PriceRejection.TIER_UNBOUNDED_NOT_LAST, () -> rejection(price().monthlyTiers(TierMode.VOLUME, List.of(MonthlyTier.unbounded(1), MonthlyTier.unbounded(1))).build()));
    cases.put(PriceRejection.TIERS_NOT_INCREASING, () -> rejection(price().monthlyTiers(TierMode.VOLUME, List.of(MonthlyTier.upTo(10, 1), MonthlyTier.upTo(10, 1), MonthlyTier.unbounded(1))).build()));
    cases.put(PriceRejection.TIERS_LAST_NOT_UNBOUNDED, () -> rejection(price().monthlyTiers(TierMode.VOLUME, List.of(MonthlyTier.upTo(10, 1))).build()));
    cases.put(PriceRejection.CONCURRENCY_DEFAULT_INVALID, () -> rejection(price().concurrencyDefault(0).build()));
    cases.put(PriceRejection.HISTORY_METER_MISMATCH, () -> rejection(PriceHistory.of("other", List.of(price().build().orThrow()))));
    cases.put(PriceRejection.EFFECTIVE_AT_DUPLICATE, () -> rejection(PriceHistory.of("gpt-4o", List.of(price().build().orThrow(), price().perCall(2).build().orThrow()))));
    cases.put(PriceRejection.USAGE_NEGATIVE, () -> rejection(Usage.of(0, -1, 0, 0, 0, 0, 0, 0, Map.of())));
    cases.put(PriceRejection.TOOL_NAME_INVALID, () -> rejection(Usage.of(0, 0, 0, 0, 0, 0, 0, 0, Map.of("x".repeat(65), 1L))));
    cases.put(PriceRejection.TOO_MANY_TOOLS, () -> rejection(Usage.of(0, 0, 0, 0, 0, 0, 0, 0, tools(33))));
    cases.put(PriceRejection.TOO_MANY_TOOL_PRICES, () -> rejection(ToolPrices.of(tools(257))));
    cases.put(PriceRejection.TOOL_PRICE_MISSING, () -> rated(Usage.calls(1).withTools(Map.of("web_search", 1L))));
    cases.put(PriceRejection.MULTIPLIER_INVALID, () -> rejection(Fraction.parse("0")));
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void refusesWithTheStableCode(PriceRejection expected, Supplier<Rejection> scenario) {
    Rejection rejection = scenario.get();
    assertThat(rejection.reason()).isEqualTo(expected);
    assertThat(rejection.code()).matches("[a-z]+(_[a-z]+)*");
    assertThat(rejection.detail()).isNotBlank();
  }

  @Test
  void everyRejectionCodeHasAScenario() {
    assertThat(scenarios().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) PriceRejection.values());
  }

  @Test
  void acceptsEachLimitExactlyAndRefusesOnePast() {
    assertThat(PriceVersion.builder("m".repeat(PriceLimits.METER_LENGTH_MAX), "USD", AT).free().build()).isInstanceOf(Validated.Valid.class);
    assertThat(rejection(PriceVersion.builder("m".repeat(PriceLimits.METER_LENGTH_MAX + 1), "USD", AT).free().build()).code()).isEqualTo("meter_invalid");
    assertThat(PriceVersion.builder("m", "C".repeat(PriceLimits.CURRENCY_CODE_LENGTH_MAX), AT).free().build()).isInstanceOf(Validated.Valid.class);
    assertThat(rejection(PriceVersion.builder("m", "C".repeat(PriceLimits.CURRENCY_CODE_LENGTH_MAX + 1), AT).free().build()).code()).isEqualTo("currency_invalid");
    assertThat(PriceVersion.builder("m", "USD", AT).perUnit("x".repeat(PriceLimits.UNIT_NAME_LENGTH_MAX), 1).build()).isInstanceOf(Validated.Valid.class);
    assertThat(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), contextTiers(PriceLimits.CONTEXT_TIERS_MAX)).build()).isInstanceOf(Validated.Valid.class);
    assertThat(rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), contextTiers(PriceLimits.CONTEXT_TIERS_MAX + 1)).build()).code()).isEqualTo("too_many_context_tiers");
    assertThat(price().monthlyTiers(TierMode.GRADUATED, monthlyTiers(PriceLimits.MONTHLY_TIERS_MAX)).build()).isInstanceOf(Validated.Valid.class);
    assertThat(rejection(price().monthlyTiers(TierMode.GRADUATED, monthlyTiers(PriceLimits.MONTHLY_TIERS_MAX + 1)).build()).code()).isEqualTo("too_many_tiers");
    assertThat(Usage.of(0, 0, 0, 0, 0, 0, 0, 0, tools(PriceLimits.TOOLS_PER_REQUEST_MAX))).isInstanceOf(Validated.Valid.class);
    assertThat(rejection(Usage.of(0, 0, 0, 0, 0, 0, 0, 0, tools(PriceLimits.TOOLS_PER_REQUEST_MAX + 1))).code()).isEqualTo("too_many_tools");
    assertThat(ToolPrices.of(tools(PriceLimits.TOOL_PRICES_MAX))).isInstanceOf(Validated.Valid.class);
    assertThat(Usage.of(0, 0, 0, 0, 0, 0, 0, 0, Map.of("x".repeat(PriceLimits.TOOL_NAME_LENGTH_MAX), 1L))).isInstanceOf(Validated.Valid.class);
    assertThat(price().concurrencyDefault(PriceLimits.CONCURRENCY_DEFAULT_MAX).build()).isInstanceOf(Validated.Valid.class);
    assertThat(rejection(price().concurrencyDefault(PriceLimits.CONCURRENCY_DEFAULT_MAX + 1).build()).code()).isEqualTo("concurrency_default_invalid");
    assertThat(price().concurrencyDefault(1).build()).isInstanceOf(Validated.Valid.class);
  }

  @Test
  void refusesNegativePricesAnywhereInAVersion() {
    assertThat(rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1, -1, 1)).build()).code()).isEqualTo("price_negative");
    assertThat(rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1).withReasoningPer1MNanos(-1)).build()).code()).isEqualTo("price_negative");
    assertThat(rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), List.of(new ContextTier(10, TokenRates.of(-1, 1)))).build()).code()).isEqualTo("price_negative");
    assertThat(rejection(price().monthlyTiers(TierMode.VOLUME, List.of(MonthlyTier.unbounded(1, -1))).build()).code()).isEqualTo("price_negative");
    assertThat(rejection(ToolPrices.of(Map.of("web_search", -1L))).code()).isEqualTo("price_negative");
  }

  @Test
  void refusesTierBoundsThatDoNotStartAboveZeroOrDoNotIncrease() {
    assertThat(rejection(price().monthlyTiers(TierMode.VOLUME, List.of(MonthlyTier.upTo(0, 1), MonthlyTier.unbounded(1))).build()).code()).isEqualTo("tiers_not_increasing");
    assertThat(rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), List.of(new ContextTier(-1, TokenRates.of(1, 1)))).build()).code()).isEqualTo("context_tiers_not_increasing");
    assertThat(rejection(PriceVersion.builder("m", "USD", AT).token(TokenRates.of(1, 1), List.of(new ContextTier(5, TokenRates.of(1, 1)), new ContextTier(5, TokenRates.of(1, 1)))).build()).code()).isEqualTo("context_tiers_not_increasing");
  }

  @Test
  void refusesBadMultipliers() {
    for (String text : List.of("0", "-1", "0.0", "abc", "1e3", "1/0", "", "0/5")) {
      assertThat(rejection(Fraction.parse(text)).code()).as(text).isEqualTo("multiplier_invalid");
    }
  }

  @Test
  void theConstructorsThrowOnWhatTheFactoriesRefuse() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Usage.tokens(-1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("usage_negative");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MonthlyTiers(TierMode.VOLUME, List.of(MonthlyTier.upTo(1, 1)))).hasMessageStartingWith("tiers_last_not_unbounded");
  }
}
