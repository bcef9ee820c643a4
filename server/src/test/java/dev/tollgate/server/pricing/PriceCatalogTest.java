package dev.tollgate.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.Usage;
import dev.tollgate.server.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class PriceCatalogTest extends ServerTest {
  private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

  @Autowired PriceCatalog catalog;
  @Autowired PriceStore store;
  @Autowired TransactionTemplate transactions;

  private String amount(String meter) {
    CatalogRating outcome = catalog.rate(meter, JULY, Usage.calls(1), null, null);
    return outcome instanceof CatalogRating.Rated rated ? Nanos.format(rated.rating().totalNanos()) : outcome.toString();
  }

  @Test
  void seesAPriceWrittenByAnotherNodeWithinTheRevisionCheckInterval() throws InterruptedException {
    String meter = uniqueId("multi-node");
    api().put("/v1/prices/" + meter, "{\"mode\":\"call\",\"perCall\":\"1\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    assertThat(amount(meter)).isEqualTo("1.00");

    // Another node writes as PriceCommands does, but this node's cache is not told.
    Instant written = Instant.now();
    transactions.executeWithoutResult(tx -> {
      store.insertIfAbsent(PriceVersion.builder(meter, "USD", Instant.parse("2026-06-01T00:00:00Z"))
          .perCall(2 * Nanos.PER_UNIT).build().orThrow(), written);
      store.bumpRevision();
    });
    long start = System.nanoTime();
    while (!amount(meter).equals("2.00")) {
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(PriceCatalog.REVISION_CHECK_INTERVAL.plusMillis(500));
      Thread.sleep(20);
    }
  }

  @Test
  void refusesAMeterWithoutAPriceAndAnUnknownGroupOrTierAsValues() {
    String meter = uniqueId("catalog");
    assertThat(catalog.rate(meter, JULY, Usage.calls(1), null, null))
        .isEqualTo(new CatalogRating.Refused("price_missing", "meter '" + meter + "' has no price in force at " + JULY));
    api().put("/v1/prices/" + meter, "{\"mode\":\"free\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    assertThat(((CatalogRating.Refused) catalog.rate(meter, JULY, Usage.calls(1), "nope", null)).code())
        .isEqualTo("price_group_not_found");
    assertThat(((CatalogRating.Refused) catalog.rate(meter, JULY, Usage.calls(1), null, "nope")).code())
        .isEqualTo("service_tier_not_found");
    CatalogRating.Rated rated = (CatalogRating.Rated) catalog.rate(
        meter, JULY, Usage.calls(1).withTools(Map.of("never-priced", 2L)), null, null);
    assertThat(rated.unpricedTools()).containsExactly("never-priced");
    assertThat(rated.snapshot().totalNanos()).isZero();
  }
}
