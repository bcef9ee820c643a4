package dev.tollgate.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RatingProperties {
  // Up to 1,000 USD per 1M tokens, 10⁸ tokens per count and a multiplier up to ×8,000: every
  // amount stays inside a long, so the properties test rating rather than overflow.
  private static final long RATE_MAX = 1_000_000_000_000L;
  private static final long TOKENS_MAX = 100_000_000L;

  @Provide
  Arbitrary<PriceVersion> tokenPrices() {
    Arbitrary<Long> rate = Arbitraries.longs().between(0, RATE_MAX);
    return Combinators.combine(rate, rate, rate, rate, rate)
        .as(
            (in, out, read, write, reasoning) ->
                PriceVersion.builder("m", "USD", Prices.OCTOBER)
                    .token(TokenRates.of(in, out, read, write).withReasoningPer1MNanos(reasoning))
                    .build()
                    .orThrow());
  }

  @Provide
  Arbitrary<Usage> tokenUsages() {
    Arbitrary<Long> count = Arbitraries.longs().between(0, TOKENS_MAX);
    return Combinators.combine(count, count, count, count, count)
        .as((in, out, read, write, reasoning) -> new Usage(in, out, read, write, reasoning, 0, 0, 0, java.util.Map.of()));
  }

  @Provide
  Arbitrary<Fraction> multipliers() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 1_000), Arbitraries.longs().between(1, 1_000))
        .as(Fraction::of);
  }

  @Provide
  Arbitrary<Fraction> smallMultipliers() {
    return Combinators.combine(Arbitraries.longs().between(1, 20), Arbitraries.longs().between(1, 20))
        .as(Fraction::of);
  }

  @Property
  void costNeverFallsWhenOneTokenCountGrows(
      @ForAll("tokenPrices") PriceVersion version,
      @ForAll("tokenUsages") Usage usage,
      @ForAll @IntRange(min = 0, max = 4) int which,
      @ForAll @LongRange(min = 1, max = TOKENS_MAX) long more,
      @ForAll("multipliers") Fraction multiplier) {
    long[] counts = {
      usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(),
      usage.reasoningTokens()
    };
    counts[which] += more;
    Usage bigger = new Usage(counts[0], counts[1], counts[2], counts[3], counts[4], 0, 0, 0, java.util.Map.of());
    long before = Prices.rate(version, usage, multiplier, ToolPrices.NONE).totalNanos();
    long after = Prices.rate(version, bigger, multiplier, ToolPrices.NONE).totalNanos();
    assertThat(after).isGreaterThanOrEqualTo(before);
  }

  @Property
  void ratingTheSameEventTwiceGivesEqualResults(
      @ForAll("tokenPrices") PriceVersion version,
      @ForAll("tokenUsages") Usage usage,
      @ForAll("multipliers") Fraction multiplier) {
    Rating first = Prices.rate(version, usage, multiplier, ToolPrices.NONE);
    Rating second = Prices.rate(version, usage, multiplier, ToolPrices.NONE);
    assertThat(second).isEqualTo(first);
    assertThat(second.snapshot()).isEqualTo(first.snapshot());
  }

  @Property
  void ratingIgnoresTheOrderInWhichMultipliersCompose(
      @ForAll("tokenPrices") PriceVersion version,
      @ForAll("tokenUsages") Usage usage,
      @ForAll("smallMultipliers") Fraction group,
      @ForAll("smallMultipliers") Fraction serviceTier,
      @ForAll("smallMultipliers") Fraction promotion) {
    Rating one = Prices.rate(version, usage, group.times(serviceTier).times(promotion), ToolPrices.NONE);
    Rating other = Prices.rate(version, usage, promotion.times(serviceTier.times(group)), ToolPrices.NONE);
    assertThat(other).isEqualTo(one);
  }

  @Property
  void theTotalIsTheExactSumOfTheComponents(
      @ForAll("tokenPrices") PriceVersion version,
      @ForAll("tokenUsages") Usage usage,
      @ForAll("multipliers") Fraction multiplier) {
    Rating rating = Prices.rate(version, usage, multiplier, ToolPrices.NONE);
    long sum = 0;
    for (RatedComponent component : rating.components()) {
      sum = Math.addExact(sum, component.amountNanos());
    }
    assertThat(rating.totalNanos()).isEqualTo(sum);
  }

  @Provide
  Arbitrary<List<MonthlyTier>> monthlyTiers() {
    Arbitrary<Long> price = Arbitraries.longs().between(0, 1_000_000_000L);
    Arbitrary<MonthlyTier> tier =
        Combinators.combine(Arbitraries.longs().between(1, 100_000), price, price)
            .as((width, unitPrice, flatFee) -> MonthlyTier.upTo(width, unitPrice, flatFee));
    return tier.list().ofMaxSize(PriceLimits.MONTHLY_TIERS_MAX - 1)
        .flatMap(
            widths ->
                Combinators.combine(price, price)
                    .as(
                        (unitPrice, flatFee) -> {
                          // The generated upTo is a width: accumulate into increasing bounds.
                          List<MonthlyTier> tiers = new ArrayList<>();
                          long bound = 0;
                          for (MonthlyTier w : widths) {
                            bound += w.upToExclusive().getAsLong();
                            tiers.add(MonthlyTier.upTo(bound, w.unitPriceNanos(), w.flatFeeNanos()));
                          }
                          tiers.add(MonthlyTier.unbounded(unitPrice, flatFee));
                          return tiers;
                        }));
  }

  @Property
  void aGraduatedTotalEqualsTheSumOfItsTiers(
      @ForAll("monthlyTiers") List<MonthlyTier> tiers,
      @ForAll @LongRange(min = 0, max = 2_000_000) long units) {
    MonthlyTiers graduated = MonthlyTiers.of(TierMode.GRADUATED, tiers).orThrow();
    List<TierLine> lines = graduated.lines(units);
    assertThat(lines.stream().mapToLong(TierLine::amountNanos).sum())
        .isEqualTo(graduated.price(units).amountNanos());
    assertThat(lines.stream().mapToLong(TierLine::units).sum()).isEqualTo(units);
  }

  @Property
  void aVolumeTotalIsAllUnitsAtTheReachedTierPlusItsFlatFee(
      @ForAll("monthlyTiers") List<MonthlyTier> tiers,
      @ForAll @LongRange(min = 0, max = 2_000_000) long units) {
    TierQuote quote = MonthlyTiers.of(TierMode.VOLUME, tiers).orThrow().price(units);
    MonthlyTier reached = tiers.get(quote.tierIndex());
    assertThat(quote.amountNanos()).isEqualTo(units * reached.unitPriceNanos() + reached.flatFeeNanos());
    long from = quote.tierIndex() == 0 ? 0 : tiers.get(quote.tierIndex() - 1).upToExclusive().getAsLong();
    assertThat(units).isGreaterThanOrEqualTo(from);
    if (!reached.unboundedAbove()) {
      assertThat(units).isLessThan(reached.upToExclusive().getAsLong());
    }
  }

  @Property
  void fractionsComposeCommutativelyAndStayReduced(
      @ForAll("multipliers") Fraction a, @ForAll("multipliers") Fraction b) {
    Fraction product = a.times(b);
    assertThat(product).isEqualTo(b.times(a));
    assertThat(java.math.BigInteger.valueOf(product.numerator()).gcd(java.math.BigInteger.valueOf(product.denominator())))
        .isEqualTo(java.math.BigInteger.ONE);
  }
}
