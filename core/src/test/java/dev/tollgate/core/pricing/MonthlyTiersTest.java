package dev.tollgate.core.pricing;

import static dev.tollgate.core.pricing.Prices.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.money.Nanos;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonthlyTiersTest {
  /** Seed 004, Image Style Transfer postpaid: 0.08 / 0.06 / 0.05 / 0.04 USD per picture. */
  private static List<MonthlyTier> seed004() {
    return List.of(
        MonthlyTier.upTo(10_000, usd("0.08")),
        MonthlyTier.upTo(100_000, usd("0.06")),
        MonthlyTier.upTo(1_000_000, usd("0.05")),
        MonthlyTier.unbounded(usd("0.04")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                          | units     | amount    | tier | unit price
          10,000 calls, 50 free pictures left, postpaid on → 9,950 billed → 796.00 USD | 9950 | 796.00 | 0 | 0.08
          200,000 pictures in the month → 10,000.00 USD                       | 200000    | 10000.00  | 2    | 0.05
          10,000 pictures: the boundary belongs to the higher tier → 600.00 USD | 10000   | 600.00    | 1    | 0.06
          no pictures → 0                                                     | 0         | 0.00      | 0    | 0.08
          99,999 pictures → 5,999.94 USD                                      | 99999     | 5999.94   | 1    | 0.06
          1,000,000 pictures → 40,000.00 USD                                  | 1000000   | 40000.00  | 3    | 0.04
          """)
  void volumePricingReproducesSeed004(
      String scenario, long units, String amount, int tier, String unitPrice) {
    TierQuote quote = MonthlyTiers.of(TierMode.VOLUME, seed004()).orThrow().price(units);
    assertThat(Nanos.format(quote.amountNanos())).isEqualTo(amount);
    assertThat(quote.tierIndex()).isEqualTo(tier);
    assertThat(quote.unitPriceNanos()).isEqualTo(usd(unitPrice));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scenario                                                                  | units  | amount   | tier
          9,950 pictures, all in the first tier → 796.00 USD                          | 9950   | 796.00   | 0
          10,000 pictures: 10,000 at 0.08 and the second tier entered with none → 800.00 | 10000 | 800.00  | 1
          200,000 pictures: 10,000 × 0.08 + 90,000 × 0.06 + 100,000 × 0.05 → 11,200.00 | 200000 | 11200.00 | 2
          """)
  void graduatedPricingPricesEachUnitAtItsOwnTier(String scenario, long units, String amount, int tier) {
    MonthlyTiers tiers = MonthlyTiers.of(TierMode.GRADUATED, seed004()).orThrow();
    TierQuote quote = tiers.price(units);
    assertThat(Nanos.format(quote.amountNanos())).isEqualTo(amount);
    assertThat(quote.tierIndex()).isEqualTo(tier);
    assertThat(tiers.lines(units).stream().mapToLong(TierLine::amountNanos).sum())
        .isEqualTo(quote.amountNanos());
  }

  @ParameterizedTest(name = "{0}: {1} units → {2} USD")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          volume    | 0    | 10.00
          graduated | 0    | 10.00
          volume    | 999  | 10.00
          volume    | 1000 | 15.00
          graduated | 1000 | 15.00
          volume    | 1500 | 20.00
          graduated | 1500 | 20.00
          """)
  void chargesTheFirstTiersFlatFeeEvenAtZeroUnitsAndEachTierEntered(
      String mode, long units, String amount) {
    List<MonthlyTier> tiers =
        List.of(MonthlyTier.upTo(1000, 0, usd("10")), MonthlyTier.unbounded(usd("0.01"), usd("5")));
    TierMode tierMode = mode.equals("volume") ? TierMode.VOLUME : TierMode.GRADUATED;
    assertThat(Nanos.format(MonthlyTiers.of(tierMode, tiers).orThrow().price(units).amountNanos()))
        .isEqualTo(amount);
  }

  @Test
  void aSingleUnboundedTierIsAFlatUnitPrice() {
    MonthlyTiers tiers = MonthlyTiers.of(TierMode.GRADUATED, List.of(MonthlyTier.unbounded(usd("0.5")))).orThrow();
    assertThat(tiers.price(7).amountNanos()).isEqualTo(usd("3.5"));
  }
}
