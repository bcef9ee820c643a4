package dev.tollgate.core.pricing;

import static dev.tollgate.core.pricing.Prices.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriceVersionTest {
  private static PriceVersion imageStyleTransfer(String perCall) {
    return PriceVersion.builder("image-style-transfer", "USD", Prices.OCTOBER)
        .perCall(usd(perCall))
        .monthlyTiers(
            TierMode.VOLUME,
            List.of(MonthlyTier.upTo(10_000, usd("0.08")), MonthlyTier.unbounded(usd("0.06"))))
        .concurrencyDefault(3)
        .build()
        .orThrow();
  }

  @Test
  void aVersionRebuiltFromItsOwnFieldsEqualsTheOriginalSoExportThenImportRoundTrips() {
    PriceVersion original = imageStyleTransfer("0.08");
    PriceVersion reimported =
        new PriceVersion(
            original.meter(),
            original.currency(),
            original.effectiveAt(),
            original.terms(),
            original.monthlyTiers(),
            original.concurrencyDefault());
    assertThat(reimported).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(imageStyleTransfer("0.07")).isNotEqualTo(original);
    assertThat(Prices.gemini25Pro()).isEqualTo(Prices.gemini25Pro());
  }

  @Test
  void keepsTheModeTheTiersAndTheDefaultConcurrency() {
    PriceVersion version = imageStyleTransfer("0.08");
    assertThat(version.mode().code()).isEqualTo("call");
    assertThat(version.monthlyTiers().orElseThrow().mode().code()).isEqualTo("volume");
    assertThat(version.concurrencyDefault()).hasValue(3);
  }
}
