package dev.tollgate.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceHistoryTest {
  private static PriceVersion callPrice(String effectiveAt, long perCallNanos) {
    return PriceVersion.builder("image-style-transfer", "USD", Instant.parse(effectiveAt))
        .perCall(perCallNanos)
        .build()
        .orThrow();
  }

  @ParameterizedTest(name = "at {0} the price in force is {1}")
  @CsvSource(
      textBlock =
          """
          2026-09-30T23:59:59.999Z, none
          2026-10-01T00:00:00Z,     80
          2026-10-15T12:00:00Z,     80
          2026-10-31T23:59:59.999Z, 80
          2026-11-01T00:00:00Z,     60
          2030-01-01T00:00:00Z,     60
          """)
  void picksTheLatestVersionEffectiveAtOrBeforeTheInstantHalfOpen(String at, String expected) {
    // Given out of order on purpose: the history orders by effective time.
    PriceHistory history =
        PriceHistory.of(
                "image-style-transfer",
                List.of(callPrice("2026-11-01T00:00:00Z", 60), callPrice("2026-10-01T00:00:00Z", 80)))
            .orThrow();
    var inForce = history.inForceAt(Instant.parse(at));
    if (expected.equals("none")) {
      assertThat(inForce).isEmpty();
    } else {
      assertThat(((PriceTerms.Call) inForce.orElseThrow().terms()).perCallNanos())
          .isEqualTo(Long.parseLong(expected));
    }
  }
}
